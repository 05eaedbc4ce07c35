import Foundation

/// The entry point every fuzz target shares.
///
/// Built with `-DFUZZING -sanitize=fuzzer,address` (what `scripts/fuzz` does), `run` hands the
/// target's test to libFuzzer's driver. Built normally (what `swift build` and CI do), it runs
/// the same test once over every file named on the command line (directories are read
/// recursively): a corpus or a crash file replays without the fuzzer, so the targets stay
/// compiled and linked by every build and a finding can be checked after its fix.
public enum FuzzHarness {
    /// Runs `test` under libFuzzer or over the files of the command line; never returns.
    public static func run(_ test: @escaping @Sendable ([UInt8]) -> Void) -> Never {
        #if FUZZING
        current = test
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, count in fuzzOneInput(data, count) })
        #else
        let files = CommandLine.arguments.dropFirst().flatMap(filesUnder)
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("cannot read \(file)\n".utf8))
                exit(66)
            }
            test([UInt8](data))
        }
        print("replayed \(files.count) inputs without a failure")
        exit(0)
        #endif
    }

    /// One input as libFuzzer hands it over.
    public static func runOne(_ data: UnsafePointer<UInt8>?, _ count: Int, _ test: ([UInt8]) -> Void) -> CInt {
        test(data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? [])
        return 0
    }

    /// Stops the run as a finding when an invariant does not hold; libFuzzer keeps the input.
    public static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("invariant violated: \(message())") }
    }

    /// Splits an input in two at its first NUL byte (all of it and nothing when it has none),
    /// for targets that read two files.
    public static func split(_ bytes: [UInt8]) -> (first: [UInt8], second: [UInt8]) {
        guard let index = bytes.firstIndex(of: 0) else { return (bytes, []) }
        return (Array(bytes[..<index]), Array(bytes[(index + 1)...]))
    }

    private static func filesUnder(_ path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return [path]
        }
        let names = (FileManager.default.subpaths(atPath: path) ?? []).sorted()
        return names.map { path + "/" + $0 }.filter {
            var nested: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0, isDirectory: &nested) && !nested.boolValue
        }
    }

    #if FUZZING
    /// libFuzzer calls back through a C function pointer, which cannot capture the test.
    nonisolated(unsafe) fileprivate static var current: (([UInt8]) -> Void)?
    #endif
}

#if FUZZING
/// libFuzzer's archive brings a `main` of its own that needs this symbol to link; SwiftPM makes
/// the target's `main` the one that runs, which reaches the test through the driver below.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    FuzzHarness.current.map { FuzzHarness.runOne(data, count, $0) } ?? 0
}

/// libFuzzer's documented entry for programs that have their own `main`.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
#endif
