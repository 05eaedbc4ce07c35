import Testing
@testable import ZTAHooksRuntime

/// The allocator is set only when the environment leaves it alone.
struct AllocatorTuningTests {
    @Test func anAllocatorSettingOfTheEnvironmentStands() {
        #expect(AllocatorTuning.isSetByEnvironment(["MALLOC_MMAP_THRESHOLD_": "131072"]))
        #expect(AllocatorTuning.isSetByEnvironment(["MALLOC_ARENA_MAX": "2"]))
        #expect(AllocatorTuning.isSetByEnvironment(["GLIBC_TUNABLES": "glibc.malloc.mmap_threshold=65536"]))
        // Other variables do not count.
        #expect(!AllocatorTuning.isSetByEnvironment(["PATH": "/usr/bin", "ZTA_MALLOC_": "x", "malloc_arena_max": "2"]))
        #expect(!AllocatorTuning.isSetByEnvironment([:]))
    }
}
