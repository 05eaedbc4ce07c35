import Foundation

/// A process left running while a test acts on it: `ztahooks` (an apply to signal, an emulator)
/// or a loopback server in Python. Its output is read as it comes, on threads of its own.
final class BackgroundProcess: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()
    private let done = DispatchGroup()

    init(_ args: [String], in directory: URL? = nil, environment: [String: String] = [:],
         executable: URL = BinaryRunner.binaryURL) throws {
        process.executableURL = executable
        process.arguments = args
        if let directory { process.currentDirectoryURL = directory }
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

    /// Waits until standard output (or error) contains `text`; false after `timeout`. Polls with
    /// `Task.sleep`, so that no thread is held while it waits.
    func waitFor(_ text: String, timeout: Double = 30) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if stdout.contains(text) || stderr.contains(text) { return true }
            if !process.isRunning { return stdout.contains(text) || stderr.contains(text) }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    func signal(_ signo: Int32) {
        kill(process.processIdentifier, signo)
    }

    /// The first line printed on standard output (a server's port or URL); empty when none came
    /// within `timeout`.
    func firstLine(timeout: Double = 20) async -> String {
        // Standard output's own line: a line on standard error (the emulator's console URL) may
        // come first, through its own pipe.
        let deadline = Date().addingTimeInterval(timeout)
        while !stdout.contains("\n"), process.isRunning, Date() < deadline { try? await Task.sleep(for: .milliseconds(10)) }
        return stdout.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
    }

    /// Stops the process and reaps it, for a `defer`. SIGKILL, because a test runner may start
    /// children with SIGTERM ignored (an ignored signal stays ignored across exec); a killed
    /// process is gone within milliseconds, so the short wait that follows holds no thread long.
    func stop() {
        signal(SIGKILL)
        process.waitUntilExit()
        done.wait()
    }

    /// Waits for the exit; SIGKILLs the process after `timeout` so that a hang fails the test
    /// instead of hanging the suite. Returns the status (a signal death reads as 128 + signal).
    @discardableResult
    func wait(timeout: Double = 60) async -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { try? await Task.sleep(for: .milliseconds(10)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        stop()
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }

    /// Starts a server that names its port at the end of its first line (`43383`, or
    /// `... listening on http://[::1]:43383`); throws when it names none.
    static func server(_ args: [String], executable: URL = BinaryRunner.binaryURL, in directory: URL? = nil) async throws -> (BackgroundProcess, port: Int) {
        let server = try BackgroundProcess(args, in: directory, executable: executable)
        guard let port = await server.firstLine().split(separator: ":").last.flatMap({ Int($0) }) else {
            server.stop()
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the server did not start: \(server.stderr)"])
        }
        return (server, port)
    }

    /// Starts `ztahooks sim serve` on a free loopback port and returns it with its URL.
    static func emulator(in directory: URL, _ extra: [String] = []) async throws -> (BackgroundProcess, String) {
        let (server, port) = try await server(["sim", "serve", "--port", "0", "--quiet"] + extra, in: directory)
        return (server, "http://127.0.0.1:\(port)")
    }
}
