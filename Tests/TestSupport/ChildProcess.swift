import Foundation

/// A child process run to its end, awaited without holding a thread of Swift's cooperative pool.
///
/// Swift Testing runs every suite of one `swift test` on that pool, one thread per core: a test
/// that blocked its thread on `waitUntilExit` (or on reading a pipe to its end) took half of a
/// 2-core machine from the in-process emulators of other suites, whose answers then timed out.
/// Here the blocking happens on a thread of its own, and the test only awaits.
public enum ChildProcess {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        /// True when the run outlived its time limit and was killed.
        public var timedOut: Bool
    }

    /// Runs `executable` with `arguments` in `directory`, with `environment` (nil: this process's),
    /// feeding `stdin`; with `timeLimit`, a run that hangs is SIGKILLed and reported.
    public static func run(
        _ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil,
        stdin: Data = Data(), timeLimit: Duration? = nil
    ) async throws -> Result {
        try await offThePool {
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            if let directory { process.currentDirectoryURL = directory }
            if let environment { process.environment = environment }
            let out = Pipe(), err = Pipe(), input = Pipe()
            process.standardOutput = out
            process.standardError = err
            process.standardInput = input
            try process.run()
            if let timeLimit {
                let pid = process.processIdentifier
                let seconds = Double(timeLimit.components.seconds) + Double(timeLimit.components.attoseconds) / 1e18
                DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [process] in
                    if process.isRunning { kill(pid, SIGKILL) }
                }
            }
            // Both pipes at once, so that a chatty child never blocks on a full pipe.
            let group = DispatchGroup()
            nonisolated(unsafe) var outData = Data()
            nonisolated(unsafe) var errData = Data()
            group.enter()
            Thread.detachNewThread { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
            group.enter()
            Thread.detachNewThread { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
            input.fileHandleForWriting.write(stdin)
            try? input.fileHandleForWriting.close()
            group.wait()
            process.waitUntilExit()
            return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                          stderr: String(decoding: errData, as: UTF8.self),
                          timedOut: process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL)
        }
    }

    /// The same, found on `PATH` by name (`git`, `python3`, `node`).
    public static func run(_ command: String, _ arguments: [String], in directory: URL? = nil,
                           environment: [String: String]? = nil, stdin: Data = Data(), timeLimit: Duration? = nil) async throws -> Result {
        try await run(URL(fileURLWithPath: "/usr/bin/env"), [command] + arguments, in: directory, environment: environment,
                      stdin: stdin, timeLimit: timeLimit)
    }

    /// Runs `body` on a thread of its own and awaits its result.
    public static func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Swift.Result { try body() }) }
        }
    }
}

/// At most `width` holders at once; the others wait their turn, in order, without a thread.
public actor AsyncLimit {
    private let width: Int
    private var holders = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(width: Int) {
        self.width = max(1, width)
    }

    /// Runs `body` once a place is free.
    public func run<T: Sendable>(_ body: @Sendable () async throws -> T) async rethrows -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        if holders < width {
            holders += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            holders -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}

extension ChildProcess {
    /// The binaries tests run at once. Each is a whole ztahooks (a sandbox apply runs an emulator
    /// inside), and more of them than cores left the in-process servers of other suites without
    /// the CPU to answer within their tests' timeouts.
    public static let binaries = AsyncLimit(width: max(2, ProcessInfo.processInfo.activeProcessorCount))
}
