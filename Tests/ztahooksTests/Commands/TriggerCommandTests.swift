import Foundation
import Testing
import ZTASim

/// `ztahooks trigger` end to end: a site file with https URLs applied to the sandbox, its hosts
/// routed to a local receiver, events triggered through the binary.
struct TriggerCommandTests {
    static let siteFile = """
        site: site_shop
        webhooks:
          - name: goals
            url: https://hooks.example.com/zta/goals?team=growth
            events: [goal, pageview]
          - name: flaky
            url: https://down.example.com/zta
            events: [alert]
        """

    /// A Python receiver on a free loopback port: logs each delivery as a JSON line (path, Host,
    /// the ZTA headers, the body) and answers 503 to hosts starting with `down.`, 200 to others.
    static func receiver(log: URL) async throws -> (BackgroundProcess, port: Int) {
        let script = """
            import http.server, json, sys
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_POST(self):
                    body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                    entry = {"path": self.path, "host": self.headers.get("Host"), "body": body.decode("utf-8"),
                             "signature": self.headers.get("X-ZTA-Signature"), "webhookId": self.headers.get("X-ZTA-Webhook-ID"),
                             "event": self.headers.get("X-ZTA-Event")}
                    with open(sys.argv[1], "a") as f:
                        f.write(json.dumps(entry) + "\\n")
                    self.send_response(503 if entry["host"].startswith("down.") else 200)
                    self.end_headers()
                def log_message(self, *args):
                    pass
            server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
            print(server.server_address[1], flush=True)
            server.serve_forever()
            """
        return try await BackgroundProcess.server(["python3", "-c", script, log.path], executable: URL(fileURLWithPath: "/usr/bin/env"))
    }

    struct Received: Decodable {
        var path: String
        var host: String
        var body: String
        var signature: String
        var webhookId: String
        var event: String
    }

    /// A working directory with the site applied to the sandbox, and a receiver for its hosts.
    struct Workspace {
        let root: URL
        let receiver: BackgroundProcess
        let port: Int

        init() async throws {
            root = try BinaryRunner.temporaryDirectory()
            try BinaryRunner.write(TriggerCommandTests.siteFile, to: "sites/shop.yaml", under: root)
            let applied = try await BinaryRunner.run(["apply", "sites", "--sandbox", "--auto-approve"], in: root)
            #expect(applied.exitCode == 0, "\(applied.stderr)")
            (receiver, port) = try await TriggerCommandTests.receiver(log: root.appendingPathComponent("received.jsonl"))
        }

        var routes: [String] {
            ["--route", "hooks.example.com=127.0.0.1:\(port)", "--route", "DOWN.example.com=127.0.0.1:\(port)"]
        }

        func trigger(_ args: [String]) async throws -> BinaryRunner.Result {
            let result = try await BinaryRunner.run(["trigger"] + args, in: root, timeLimit: .seconds(60))
            #expect(!result.stdout.contains("whsec_") && !result.stderr.contains("whsec_"), "a secret was printed")
            return result
        }

        var received: [Received] {
            get throws {
                let text = (try? String(contentsOf: root.appendingPathComponent("received.jsonl"), encoding: .utf8)) ?? ""
                return try text.split(separator: "\n").map { try JSONDecoder().decode(Received.self, from: Data($0.utf8)) }
            }
        }

        /// Webhook id → secret, from the sandbox's secrets file.
        var secrets: [String: String] {
            get throws {
                struct File: Decodable { struct Entry: Decodable { var id: String; var secret: String? }; var webhooks: [Entry] }
                let data = try Data(contentsOf: root.appendingPathComponent(".ztahooks/sandbox-secrets.json"))
                let file = try JSONDecoder().decode(File.self, from: data)
                return Dictionary(uniqueKeysWithValues: file.webhooks.compactMap { entry in entry.secret.map { (entry.id, $0) } })
            }
        }

        func remove() {
            receiver.stop()
            try? FileManager.default.removeItem(at: root)
        }
    }

    @Test func aRoutedDeliveryArrivesSignedWithItsPathQueryAndHost() async throws {
        let workspace = try await Workspace()
        defer { workspace.remove() }
        let result = try await workspace.trigger(["goal", "--site", "site_shop", "--sandbox"] + workspace.routes)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let received = try workspace.received
        try #require(received.count == 1)
        let delivery = received[0]
        #expect(delivery.path == "/zta/goals?team=growth")
        #expect(delivery.host == "hooks.example.com")
        #expect(delivery.event == "goal")
        let secret = try #require(try workspace.secrets[delivery.webhookId])
        #expect(delivery.signature == SimSignature.header(body: Data(delivery.body.utf8), secret: secret))
        // The document's sample data for a goal, with the site.
        #expect(delivery.body.contains(#""data":{"siteId":"site_shop","goalId":"goal_abc123","goalName":"Newsletter Signup","path":"/thank-you","value":1}}"#))
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.first?.wholeMatch(of: #/wh_[0-9a-z]{24} https://hooks\.example\.com/zta/goals\?team=growth → 127\.0\.0\.1:\d+ attempt 1: 200 in \d+ ms/#) != nil, "\(lines)")
        #expect(lines.last == "goal on site_shop: delivered to 1 webhook (1 attempt).")
    }

    @Test func dataAndTimestampAreSentAsGiven() async throws {
        let workspace = try await Workspace()
        defer { workspace.remove() }
        let data = #"{"path":"/a/b?c=<d>&e","title":"Grüße \"quoted\" 😀","ratio":0.1,"tiny":1e-7}"#
        let result = try await workspace.trigger(
            ["pageview", "--site", "site_shop", "--sandbox", "--data", data, "--timestamp", "2024-12-12T16:30:00.000Z", "--format", "json"]
                + workspace.routes
        )
        #expect(result.exitCode == 0, "\(result.stderr)")
        let delivery = try #require(try workspace.received.first)
        #expect(delivery.body == #"{"event":"pageview","timestamp":"2024-12-12T16:30:00.000Z","data":{"siteId":"site_shop","path":"/a/b?c=<d>&e","ratio":0.1,"tiny":1e-7,"title":"Grüße \"quoted\" 😀"}}"#)
        struct Output: Decodable { var deliveries: [SimDeliveryRecord] }
        let output = try JSONDecoder().decode(Output.self, from: Data(result.stdout.utf8))
        #expect(output.deliveries.map(\.body) == [delivery.body])
        #expect(output.deliveries.first?.routedTo == "127.0.0.1:\(workspace.port)")
        #expect(output.deliveries.first?.siteId == "site_shop")
    }

    @Test func aFailingReceiverGetsTwoRetriesAndIsDisabledAfterRepeatedFailures() async throws {
        let workspace = try await Workspace()
        defer { workspace.remove() }
        let args = ["alert", "--site", "site_shop", "--sandbox", "--delivery-time-scale", "1000", "--disable-after", "2"] + workspace.routes
        let first = try await workspace.trigger(args)
        #expect(first.exitCode == 1)
        #expect(first.stdout.split(separator: "\n").filter { $0.contains("https://down.example.com/zta → 127.0.0.1:") && $0.contains(": 503 in ") }.count == 3, "\(first.stdout)")
        #expect(first.stdout.contains("alert on site_shop: 1 of 1 deliveries failed"))
        #expect(!first.stdout.contains("Disabled"))
        // A new process each time: the count of failures in a row lives in the sandbox's state.
        let second = try await workspace.trigger(args)
        #expect(second.exitCode == 1)
        #expect(second.stdout.hasSuffix("Disabled after repeated failed deliveries (active: false): \(try workspace.received.first?.webhookId ?? "?").\n"), "\(second.stdout)")
        #expect(try workspace.received.count == 6)
        let listed = try await BinaryRunner.run(["list", "sites", "--sandbox", "--format", "json"], in: workspace.root)
        #expect(listed.stdout.contains(#""active" : false"#), "\(listed.stdout)")
        let third = try await workspace.trigger(args)
        #expect(third.exitCode == 0)
        #expect(third.stdout == "No active webhook of site site_shop subscribes to alert: nothing was delivered.\n")
    }

    @Test(arguments: [
        (["click", "--site", "s", "--sandbox"], "'click' is not an event type; use one of pageview, event, goal, alert, session_end"),
        (["goal", "--site", "s", "--sandbox", "--data", "[1]"], "--data must be a JSON object"),
        (["goal", "--site", "s", "--sandbox", "--data", "{nope"], "--data must be a JSON object"),
        (["goal", "--site", "s", "--sandbox", "--timestamp", "yesterday"], "--timestamp 'yesterday' is not an ISO 8601 time"),
        (["goal", "--site", "s", "--sandbox", "--route", "h.example.com=10.0.0.1:80"], "'10.0.0.1' is not a loopback address"),
        (["goal", "--site", "s", "--sandbox", "--route", "h.example.com=127.0.0.1:99999"], "port '99999' is not a number from 1 to 65535"),
        (["goal", "--site", "s", "--sandbox", "--api-url", "http://127.0.0.1:9"], "--sandbox and --api-url cannot be used together"),
        (["goal", "--site", "s"], "trigger publishes only to the emulator, not to https://ztas.io"),
        (["goal", "--site", "s", "--api-url", "https://api.example.com"], "trigger publishes only to the emulator, not to https://api.example.com"),
        (["goal", "--site", "s", "--api-url", "http://example.com:8787"], "allowed only for loopback hosts"),
        (["goal", "--site", "s", "--api-url", "http://127.0.0.1:9", "--route", "h.example.com=127.0.0.1:80"], "give them to `ztahooks sim serve` instead"),
    ])
    func badUsageExits64(args: [String], message: String) async throws {
        let result = try await BinaryRunner.run(["trigger"] + args)
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func hostileIdsAndURLsFromTheStateArePrintedEscaped() async throws {
        let workspace = try PlanCommandTests.Workspace()
        defer { workspace.remove() }
        try await workspace.write(".ztahooks/sandbox.json", HostileOutputTests.hostileSandbox())
        // Both hosts routed to a closed port, so that nothing leaves the machine.
        let result = try await BinaryRunner.run(
            ["trigger", "goal", "--site", "site_shop", "--sandbox", "--delivery-time-scale", "1000",
             "--route", "hooks.example.com=127.0.0.1:9", "--route", "evil.example.com=127.0.0.1:9"],
            in: workspace.root, timeLimit: .seconds(60)
        )
        #expect(result.exitCode == 1)
        HostileOutputTests.expectInert(result)
        #expect(result.stdout.contains(#"wh_evil\u0007\u009b2K\u202e https://evil.example.com/\u001b[2K\u000d\u000a+ create fake\u202e → 127.0.0.1:9 attempt 1: connection failed in "#), "\(result.stdout)")
    }

    @Test(arguments: [
        ("h.example.com=10.0.0.1:80", "--route h.example.com=10.0.0.1:80: '10.0.0.1' is not a loopback address; routes deliver to this machine only"),
        ("h.example.com", "--route h.example.com: no '='"),
        ("h.example.com=[::1]:0", "port '0' is not a number from 1 to 65535"),
    ])
    func simServeRefusesABadRouteAsUsage(route: String, message: String) async throws {
        let result = try await BinaryRunner.run(["sim", "serve", "--port", "0", "--route", route], timeLimit: .seconds(30))
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func aLoopbackServerThatIsNotTheEmulatorIsRefusedBeforeAnythingIsPublished() async throws {
        let root = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        // An ordinary web server: it answers, but without the emulator's mark.
        let (server, port) = try await BackgroundProcess.server(
            ["python3", "-c", "import http.server, sys\nclass H(http.server.SimpleHTTPRequestHandler):\n    def log_message(self, *a): pass\ns = http.server.HTTPServer(('127.0.0.1', 0), H)\nprint(s.server_address[1], flush=True)\ns.serve_forever()"],
            executable: URL(fileURLWithPath: "/usr/bin/env"), in: root
        )
        defer { server.stop() }
        let result = try await BinaryRunner.run(["trigger", "goal", "--site", "s", "--api-url", "http://127.0.0.1:\(port)"], in: root)
        #expect(result.exitCode == 3)
        #expect(result.stderr.hasPrefix("refused: http://127.0.0.1:\(port) answered without the X-ZTA-Emulator header"), "\(result.stderr)")
        #expect(result.stderr.contains("Nothing was published."))
    }

    @Test func nothingListeningIsAnError() async throws {
        let result = try await BinaryRunner.run(["trigger", "goal", "--site", "s", "--api-url", "http://127.0.0.1:9"])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("could not connect to http://127.0.0.1:9"), "\(result.stderr)")
    }

    @Test func aRunningEmulatorIsPublishedToWithItsOwnRoutes() async throws {
        let workspace = try await Workspace()
        defer { workspace.remove() }
        let (emulator, url) = try await BackgroundProcess.emulator(in: workspace.root, workspace.routes + ["--state", ".ztahooks/sandbox.json"])
        defer { emulator.stop() }
        let result = try await workspace.trigger(["goal", "--site", "site_shop", "--api-url", url])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(try workspace.received.map(\.host) == ["hooks.example.com"])
    }
}
