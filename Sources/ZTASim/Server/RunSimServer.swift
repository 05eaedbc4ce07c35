import Foundation
import Logging

/// Runs the emulator in the foreground until SIGINT or SIGTERM, as `ztahooks sim serve` does.
///
/// Prints `ZTA API emulator listening on http://HOST:PORT` to standard output once listening, so that
/// a script that started it with port 0 can read the port, and `console on URL` to standard error. Unless `quiet`, logs one line per request
/// (method, path, status) to standard error; tokens, secrets and bodies are never logged.
public func runSimServer(
    host: String = "127.0.0.1", port: Int, options: SimOptions, quiet: Bool = false
) async throws {
    var logger = Logger(label: "ztahooks.sim", factory: { StreamLogHandler.standardError(label: $0) })
    logger.logLevel = quiet ? .warning : .info
    let server = try await SimServer.start(host: host, port: port, options: options, logger: logger, handleSignals: true)
    FileHandle.standardOutput.write(Data("ZTA API emulator listening on \(server.baseURL)\n".utf8))
    FileHandle.standardError.write(Data("console on \(server.consoleURL)\n".utf8))
    try await server.waitUntilStopped()
}
