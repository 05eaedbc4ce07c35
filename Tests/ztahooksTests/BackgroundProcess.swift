import Foundation

/// A `ztahooks` process left running while a test acts on it: signals, a second run, a server.
final class BackgroundProcess: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()
    private let done = DispatchGroup()

    init(_ args: [String], in directory: URL, environment: [String: String] = [:]) throws {
        process.executableURL = BinaryRunner.binaryURL
        process.arguments = args
        process.currentDirectoryURL = directory
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice
        for (pipe, isOut) in [(outPipe, true), (errPipe, false)] {
            done.enter()
            // A thread of its own: the shared queues may be busy with other tests' blocking
            // waits, and output read late would make `waitFor` miss what was printed.
            Thread.detachNewThread { [self] in
                let handle = pipe.fileHandleForReading
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    lock.withLock { if isOut { out.append(chunk) } else { err.append(chunk) } }
                }
                done.leave()
            }
        }
        try process.run()
    }

    var stdout: String { lock.withLock { String(decoding: out, as: UTF8.self) } }
    var stderr: String { lock.withLock { String(decoding: err, as: UTF8.self) } }

    /// Waits until standard output (or error) contains `text`; false after `timeout`.
    func waitFor(_ text: String, timeout: Double = 30) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if stdout.contains(text) || stderr.contains(text) { return true }
            if !process.isRunning { return stdout.contains(text) || stderr.contains(text) }
            usleep(10_000)
        }
        return false
    }

    func signal(_ signo: Int32) {
        kill(process.processIdentifier, signo)
    }

    /// Waits for the exit; SIGKILLs the process after `timeout` so that a hang fails the test
    /// instead of hanging the suite. Returns the status (a signal death reads as 128 + signal).
    @discardableResult
    func wait(timeout: Double = 60) -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        done.wait()
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }

    /// Starts `ztahooks sim serve` on a free loopback port and returns it with its URL.
    static func emulator(in directory: URL, _ extra: [String] = []) throws -> (BackgroundProcess, String) {
        let server = try BackgroundProcess(["sim", "serve", "--port", "0", "--quiet"] + extra, in: directory)
        guard server.waitFor("listening on "),
              let line = server.stdout.split(separator: "\n").first(where: { $0.contains("listening on ") }),
              let url = line.split(separator: " ").last
        else {
            server.signal(SIGKILL)
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the emulator did not start: \(server.stderr)"])
        }
        return (server, String(url))
    }
}
