import Foundation

/// How glibc's allocator is set for this process.
///
/// A run's tables and arrays grow by doubling and let go of the smaller buffer each time. glibc
/// hands a buffer over its threshold (128 KiB at start) straight from the system and back, but it
/// raises that threshold to the size of each such buffer freed, up to 32 MiB: from then on,
/// buffers of a few MiB come from the heap and leave holes in it that the system never gets back.
/// A fixed threshold keeps them out of the heap. A plan of 100,000 sites peaked about 10 MiB
/// lower, and no slower (`docs/development.md`, "Memory").
public enum AllocatorTuning {
    /// Buffers from this size up are mapped on their own, and unmapped when freed.
    static let mmapThreshold: Int32 = 256 << 10

    /// Fixes the threshold, unless the environment sets glibc's allocator itself (a `MALLOC_…`
    /// variable or `GLIBC_TUNABLES`): then that choice stands. Elsewhere than glibc, nothing.
    public static func apply(environment: [String: String] = ProcessInfo.processInfo.environment) {
        #if os(Linux)
        guard !isSetByEnvironment(environment), let symbol = dlsym(nil, "mallopt") else { return }
        // `mallopt` is declared in <malloc.h>, which Swift's Glibc module does not import.
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        let mMmapThreshold: Int32 = -3
        _ = mallopt(mMmapThreshold, mmapThreshold)
        #endif
    }

    /// Whether the environment sets glibc's allocator (`MALLOC_ARENA_MAX`, `MALLOC_MMAP_THRESHOLD_`
    /// and the other `MALLOC_…` variables, `GLIBC_TUNABLES`).
    static func isSetByEnvironment(_ environment: [String: String]) -> Bool {
        environment.keys.contains { $0.hasPrefix("MALLOC_") || $0 == "GLIBC_TUNABLES" }
    }
}
