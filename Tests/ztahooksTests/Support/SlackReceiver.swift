import Foundation

extension BackgroundProcess {
    /// A Python HTTP server on a free loopback port that appends every POST body, one per line,
    /// to `log` and answers `status`: a stand-in for a Slack incoming webhook.
    static func receiver(log: URL, status: Int = 200) async throws -> (BackgroundProcess, port: String) {
        let (child, port) = try await pythonServer(
            doPOST: """
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with open(sys.argv[1], "ab") as f:
                    f.write(self.path.encode() + b" " + body + b"\\n")
                self.send_response(int(sys.argv[2]))
                self.end_headers()
                self.wfile.write(b"ok")
            """,
            arguments: [log.path, String(status)])
        return (child, String(port))
    }

    /// A Python HTTP server on a free loopback port that prints its port and handles POSTs with
    /// `doPOST`, the body of `do_POST(self)` (`sys` and `json` imported; `sys.argv[1...]` are `arguments`).
    static func pythonServer(doPOST: String, arguments: [String]) async throws -> (BackgroundProcess, port: Int) {
        let handler = doPOST.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
        let script = """
            import http.server, json, sys
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_POST(self):
            \(handler)
                def log_message(self, *args):
                    pass
            server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
            print(server.server_address[1], flush=True)
            server.serve_forever()
            """
        return try await server(["python3", "-c", script] + arguments, executable: URL(fileURLWithPath: "/usr/bin/env"))
    }
}
