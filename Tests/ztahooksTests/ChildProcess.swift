import Foundation

/// A long-running helper a test starts (the emulator, a loopback receiver) and stops by its own
/// handle. It announces itself on the first line of standard output.
final class ChildProcess: @unchecked Sendable {
    let process = Process()
    /// The first line the child printed, e.g. its port or URL.
    private(set) var firstLine = ""

    init(_ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil) throws {
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var buffer = Data()
        let deadline = Date().addingTimeInterval(20)
        while !buffer.contains(UInt8(ascii: "\n")), Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
        }
        firstLine = String(decoding: buffer.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
    }

    /// Stops the child and waits for it. SIGKILL, because a test runner may start children with
    /// SIGTERM ignored (an ignored signal stays ignored across exec), and a helper holds no state worth saving.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// A Python HTTP server on a free loopback port that appends every POST body, one per line,
    /// to `log` and answers `status`: a stand-in for a Slack incoming webhook.
    static func receiver(log: URL, status: Int = 200) throws -> (ChildProcess, port: String) {
        let script = """
            import http.server, sys
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_POST(self):
                    body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                    with open(sys.argv[1], "ab") as f:
                        f.write(self.path.encode() + b" " + body + b"\\n")
                    self.send_response(int(sys.argv[2]))
                    self.end_headers()
                    self.wfile.write(b"ok")
                def log_message(self, *args):
                    pass
            server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
            print(server.server_address[1], flush=True)
            server.serve_forever()
            """
        let child = try ChildProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, log.path, String(status)])
        return (child, child.firstLine)
    }
}
