import Foundation

extension BackgroundProcess {
    /// A Python HTTP server on a free loopback port that appends every POST body, one per line,
    /// to `log` and answers `status`: a stand-in for a Slack incoming webhook.
    static func receiver(log: URL, status: Int = 200) throws -> (BackgroundProcess, port: String) {
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
        let (child, port) = try server(["python3", "-c", script, log.path, String(status)], executable: URL(fileURLWithPath: "/usr/bin/env"))
        return (child, String(port))
    }
}
