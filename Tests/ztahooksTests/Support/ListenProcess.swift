import Foundation
import ZTAHooksCore
import ZTAWebhooks
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A running `ztahooks listen` and what a test does with it: sign and post deliveries, read the
/// lines it printed.
struct ListenProcess {
    let process: BackgroundProcess
    /// `http://127.0.0.1:PORT`, read from the ready line.
    let url: String

    /// Starts `listen --port 0` and waits for its ready line on standard error.
    static func start(secretsFile: String, _ extra: [String] = [], environment: [String: String] = [:]) async throws -> ListenProcess {
        let process = try BackgroundProcess(["listen", "--port", "0", "--secrets-file", secretsFile] + extra, environment: environment)
        guard await process.waitFor("receiving on http://"),
              let range = process.stderr.range(of: #"http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression)
        else {
            process.stop()
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "listen did not start: \(process.stderr)"])
        }
        return ListenProcess(process: process, url: String(process.stderr[range]))
    }

    /// Posts `body` to `path` with `headers`; the status and the answer's body.
    func post(_ body: Data, headers: [String: String], path: String = "/zta", method: String = "POST") async throws -> (status: Int, body: String) {
        try await Self.send(body, to: URL(string: url + path)!, headers: headers, method: method)
    }

    /// A delivery as ZTA sends it: signed with `secret` (or carrying `signature` as given).
    func deliver(_ body: String, id: String, secret: String, event: String = "alert") async throws -> (status: Int, body: String) {
        let data = Data(body.utf8)
        return try await post(data, headers: [
            "Content-Type": "application/json", "X-ZTA-Event": event, "X-ZTA-Webhook-ID": id,
            "X-ZTA-Signature": WebhookSignature.header(body: data, secret: secret),
        ])
    }

    /// The output line that mentions `text`, waiting briefly for it to arrive.
    func line(containing text: String) async -> String? {
        _ = await process.waitFor(text, timeout: 5)
        return process.stdout.split(separator: "\n").last { $0.contains(text) }.map(String.init)
    }

    /// Everything printed, both streams.
    var output: String { process.stdout + process.stderr }

    static func send(_ body: Data, to url: URL, headers: [String: String], method: String = "POST") async throws -> (status: Int, body: String) {
        var request = URLRequest(url: url, timeoutInterval: 30)
        request.httpMethod = method
        if method != "GET" { request.httpBody = body }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let (data, response) = try await session.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// A secrets file written as apply writes it, through the store; returns its path.
    static func secretsFile(in root: URL, _ entries: [SecretEntry], adopted: [SecretEntry] = []) async throws -> String {
        let path = root.appendingPathComponent("secrets.json").path
        let store = try await SecretsStore.open(path: path, lockTimeout: .seconds(10))
        for (index, entry) in entries.enumerated() { try await store.recordCreated(entry, intentId: "int_\(index)") }
        try await store.recordAdopted(adopted)
        try await store.close()
        return path
    }

    static func entry(id: String, name: String, site: String = "site_abc123", secret: String?) -> SecretEntry {
        SecretEntry(siteId: site, name: name, id: id, url: "https://hooks.example.com/zta/\(name)", events: ["alert"],
                    secret: secret, createdAt: "2026-11-29T20:00:00.000Z", adopted: secret == nil ? true : nil)
    }

    /// A fresh random secret, as ZTA mints them.
    static func secret() -> String {
        "whsec_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }

    static func payload(event: String = "alert", site: String = "site_abc123") -> String {
        #"{"event":"\#(event)","timestamp":"2026-11-29T20:00:00.000Z","data":{"siteId":"\#(site)","alertName":"Traffic Spike"}}"#
    }
}

extension BackgroundProcess {
    /// A Python HTTP server on a free loopback port standing in for the app behind `--forward`:
    /// writes each request's path, headers and body as one JSON line to `log` and answers
    /// `status` with the body `app says hi`.
    static func app(log: URL, status: Int) async throws -> (BackgroundProcess, port: Int) {
        try await pythonServer(
            doPOST: """
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with open(sys.argv[1], "a") as f:
                    f.write(json.dumps({"path": self.path, "headers": dict(self.headers.items()), "body": body.decode()}) + "\\n")
                self.send_response(int(sys.argv[2]))
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(b"app says hi")
            """,
            arguments: [log.path, String(status)])
    }
}
