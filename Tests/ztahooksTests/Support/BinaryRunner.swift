import Foundation
import TestSupport

/// Runs the built `ztahooks` binary, as a user or a CI script would.
struct BinaryRunner {
    struct Result {
        var stdout: String
        var stderr: String
        var exitCode: Int32
        /// True when the run outlived its time limit and was killed.
        var timedOut = false
    }

    /// The binary SwiftPM built next to the test bundle.
    static var binaryURL: URL {
        // The test bundle lives in .build/<triple>/debug/; the executable sits beside it.
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("ztahooks")
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDir), !isDir.boolValue {
                return candidate
            }
            dir = dir.deletingLastPathComponent()
        }
        let argv0 = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return argv0.appendingPathComponent("ztahooks")
    }

    /// The package root, for paths like examples/sites: the nearest folder above this file that
    /// holds `Package.swift` (found by name, so that moving this file cannot break it).
    static var packageRoot: URL {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/",
              !FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
            directory = directory.deletingLastPathComponent()
        }
        return directory
    }

    /// Runs `ztahooks args...` in `directory` with a clean environment plus `environment`.
    /// Standard input is empty (not a terminal), as in CI. With `timeLimit`, a run that hangs is
    /// killed (SIGKILL: the test runner's children may inherit SIGTERM ignored) and reported.
    ///
    /// Awaited, never blocking a thread of Swift's cooperative pool: the wait happens on a thread
    /// of its own, so that one `swift test` can run these beside in-process emulators on 2 cores.
    static func run(
        _ args: [String],
        in directory: URL? = nil,
        environment: [String: String] = [:],
        stdin: String = "",
        timeLimit: Duration? = nil
    ) async throws -> Result {
        try await ChildProcess.binaries.run {
            try await ChildProcess.offThePool { try runBlocking(args, in: directory, environment: environment, stdin: stdin, timeLimit: timeLimit) }
        }
    }

    private static func runBlocking(
        _ args: [String], in directory: URL?, environment: [String: String], stdin: String, timeLimit: Duration?
    ) throws -> Result {
        let process = Process()
        process.executableURL = binaryURL
        process.arguments = args
        process.currentDirectoryURL = directory ?? packageRoot
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        if let home = ProcessInfo.processInfo.environment["HOME"] { env["HOME"] = home }
        for (k, v) in environment { env[k] = v }
        process.environment = env
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
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        // Read both pipes concurrently so that a chatty child never blocks on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.wait()
        process.waitUntilExit()
        return Result(
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self),
            exitCode: process.terminationStatus,
            timedOut: process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
        )
    }

    /// Writes a file of a test's working directory, creating its directories. A secrets file gets
    /// mode 0600, as apply writes it: one open to others draws a warning.
    static func write(_ text: String, to path: String, under root: URL) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        if path.hasSuffix("secrets.json") {
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
        }
    }

    /// A fresh temporary directory, removed by the caller with `cleanup`.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("ztahooks-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
