import Foundation

/// A tiny stand-in for the ZTA API that answers every create with a hostile webhook id, for
/// output tests the emulator cannot serve (it mints its own ids). Runs `python3` on a loopback port.
enum ScriptedAPI {
    static var isAvailable: Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/python3") }
    }

    /// Lists every site as empty; answers creates with id `wh_N` plus ESC [2K, CR, LF, a forged
    /// line, BEL, U+009B and U+202E. Prints its port on the first line.
    static let script = #"""
        import http.server, json, itertools
        counter = itertools.count(1)
        class Handler(http.server.BaseHTTPRequestHandler):
            def answer(self, value):
                body = json.dumps(value).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def do_GET(self):
                self.answer({"webhooks": []})
            def do_POST(self):
                request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
                hostile = "wh_%d\u001b[2K\r\n+ create fake\u0007\u009b\u202e" % next(counter)
                self.answer({"webhook": {"id": hostile, "siteId": request["siteId"], "url": request["url"],
                             "events": request["events"], "secret": "whsec_" + "s" * 32, "active": True,
                             "createdAt": "2024-12-12T16:00:00.000Z", "lastTriggered": None}})
            def log_message(self, *args):
                pass
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """#

    static func start() async throws -> (BackgroundProcess, port: Int) {
        try await BackgroundProcess.server(["python3", "-c", script], executable: URL(fileURLWithPath: "/usr/bin/env"))
    }
}
