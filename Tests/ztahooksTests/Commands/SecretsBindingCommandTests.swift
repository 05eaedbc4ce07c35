import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport
import Testing
import ZTAHooksCore

/// No answer from any API, right or wrong, makes the binary forget a secret it recorded: the
/// secrets file belongs to one API, entries are retired rather than erased, create answers are
/// checked, and a loopback API is never reached through a proxy.
struct SecretsBindingCommandTests {
    static let sites = """
        site: site_bind
        webhooks:
          - name: one
            url: https://hooks.example.com/bind/one
            events: [goal]
          - name: two
            url: https://hooks.example.com/bind/two
            events: [alert]

        """

    struct Setup {
        let root: URL
        let env = ["ZTA_API_TOKEN": "test-token"]
        var secretsPath: String { root.appendingPathComponent(".ztahooks/secrets.json").path }

        init() throws {
            root = try BinaryRunner.temporaryDirectory()
            try BinaryRunner.write(SecretsBindingCommandTests.sites, to: "sites/bind.yaml", under: root)
        }

        func run(_ args: [String], api: String, extraEnvironment: [String: String] = [:]) async throws -> BinaryRunner.Result {
            try await BinaryRunner.run(args + ["--api-url", api], in: root, environment: env.merging(extraEnvironment) { $1 })
        }

        func stats(_ api: String) async throws -> Int {
            try await LoopbackHTTP.emulatorRequests(api)
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    @Test func aFileOfOneAPIIsRefusedByEveryCommandAgainstAnotherWithNoRequestAndNoWrite() async throws {
        let setup = try Setup()
        defer { setup.remove() }
        let (first, firstURL) = try await BackgroundProcess.emulator(in: setup.root)
        defer { first.stop() }
        let (second, secondURL) = try await BackgroundProcess.emulator(in: setup.root)
        defer { second.stop() }

        let applied = try await setup.run(["apply", "sites", "--auto-approve"], api: firstURL)
        #expect(applied.exitCode == 0, "\(applied.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: setup.secretsPath))
        #expect(try SecretsStore.read(path: setup.secretsPath).api == firstURL)

        // The second emulator accepts the token and lists nothing: a wrong API answering for the account.
        for command in [["apply", "sites", "--auto-approve"], ["plan", "sites"], ["drift", "sites"], ["list", "sites"],
                        ["rotate", "site_bind/one", "--auto-approve"], ["import", "--site", "site_bind", "--out", "imported"]] {
            let refused = try await setup.run(command, api: secondURL)
            #expect(refused.exitCode == 3, "\(command[0]): \(refused.stderr)")
            #expect(refused.stderr.contains("belongs to the API at \(firstURL), and this run would reach the API at \(secondURL)"),
                    "\(command[0]): \(refused.stderr)")
            #expect(refused.stderr.contains("`ztahooks secrets rebind \(secondURL) --secrets-file .ztahooks/secrets.json`"))
        }
        #expect(try await setup.stats(secondURL) == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: setup.secretsPath)) == bytes)

        // Moved on purpose: the webhooks of the first API look gone there, and are kept as retired.
        let rebind = try await BinaryRunner.run(["secrets", "rebind", secondURL], in: setup.root)
        #expect(rebind.exitCode == 0, "\(rebind.stderr)")
        #expect(rebind.stdout == ".ztahooks/secrets.json now belongs to the API at \(secondURL) (it belonged to the API at \(firstURL)).\n")
        let plan = try await setup.run(["plan", "sites"], api: secondURL)
        #expect(plan.stdout.contains("~ retire  one ("), "\(plan.stdout)")
        #expect(plan.stdout.contains("2 recorded secrets: webhooks no longer listed, kept as retired."))
        let moved = try await setup.run(["apply", "sites", "--auto-approve"], api: secondURL)
        #expect(moved.exitCode == 0, "\(moved.stderr)")
        let snapshot = try SecretsStore.read(path: setup.secretsPath)
        #expect(snapshot.entries.count == 2)
        #expect(snapshot.retired.count == 2)
        #expect(snapshot.retired.allSatisfy { $0.reason == "no longer listed by the API" && $0.entry.secret?.hasPrefix("whsec_") == true })
        let listed = try await BinaryRunner.run(["secrets", "list", "--retired"], in: setup.root)
        #expect(listed.stdout.contains("no longer listed by the API"), "\(listed.stdout)")
        #expect(listed.stdout.contains("2 retired webhooks in "))
        #expect(!listed.stdout.contains("whsec_"))
    }

    @Test func theSandboxsFileIsItsOwnAndRefusesARealAPI() async throws {
        let setup = try Setup()
        defer { setup.remove() }
        let sandbox = try await BinaryRunner.run(["apply", "sites", "--sandbox", "--auto-approve"], in: setup.root)
        #expect(sandbox.exitCode == 0, "\(sandbox.stderr)")
        let path = setup.root.appendingPathComponent(".ztahooks/sandbox-secrets.json").path
        #expect(try SecretsStore.read(path: path).api == "sandbox")
        let (emulator, url) = try await BackgroundProcess.emulator(in: setup.root)
        defer { emulator.stop() }
        let refused = try await setup.run(["plan", "sites", "--secrets-file", ".ztahooks/sandbox-secrets.json"], api: url)
        #expect(refused.exitCode == 3)
        #expect(refused.stderr.contains("belongs to the sandbox (--sandbox)"))
        #expect(try await setup.stats(url) == 0)
    }

    @Test func outOfBandDeletesAreRetiredWithTheirSecretsAndListed() async throws {
        let setup = try Setup()
        defer { setup.remove() }
        let (emulator, url) = try await BackgroundProcess.emulator(in: setup.root)
        defer { emulator.stop() }
        #expect(try await setup.run(["apply", "sites", "--auto-approve"], api: url).exitCode == 0)
        let recorded = try SecretsStore.read(path: setup.secretsPath).entries
        // Someone deletes both webhooks in the ZTA dashboard.
        for entry in recorded {
            var request = URLRequest(url: URL(string: url + "/api/webhooks?id=\(entry.id)")!)
            request.httpMethod = "DELETE"
            request.setValue("Bearer test-token", forHTTPHeaderField: "Authorization")
            let (_, response) = try await URLSession.shared.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
        }
        let applied = try await setup.run(["apply", "sites", "--auto-approve", "--format", "json"], api: url)
        #expect(applied.exitCode == 0, "\(applied.stderr)")
        let snapshot = try SecretsStore.read(path: setup.secretsPath)
        #expect(Set(snapshot.retired.map(\.entry)) == Set(recorded))
        #expect(snapshot.entries.count == 2)
        #expect(Set(snapshot.entries.map(\.id)).isDisjoint(with: recorded.map(\.id)))
        let listed = try await BinaryRunner.run(["secrets", "list", "--retired", "--format", "json"], in: setup.root)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])
        #expect(json["api"] as? String == url)
        let rows = try #require(json["retired"] as? [[String: Any]])
        #expect(Set(rows.compactMap { $0["id"] as? String }) == Set(recorded.map(\.id)))
        #expect(rows.allSatisfy { $0["secret"] as? String == "plain" && $0["reason"] as? String == "no longer listed by the API" })
    }

    @Test func aReusedCreateIDFailsLoudlyOverwritesNothingAndTheNextApplyConverges() async throws {
        let setup = try Setup()
        defer { setup.remove() }
        let (emulator, url) = try await BackgroundProcess.emulator(in: setup.root)
        defer { emulator.stop() }
        try await Self.setFaults(url, #"{"reuseCreateIdNext": 1}"#)
        let applied = try await setup.run(["apply", "sites", "--auto-approve", "--concurrency", "1"], api: url)
        #expect(applied.exitCode == 1, "\(applied.stderr)")
        #expect(applied.stderr.contains("which is already recorded in the secrets file; nothing was overwritten"), "\(applied.stderr)")
        let first = try SecretsStore.read(path: setup.secretsPath)
        #expect(first.entries.count == 1)
        #expect(first.unresolvedIntents.count == 1)

        let again = try await setup.run(["apply", "sites", "--auto-approve"], api: url)
        #expect(again.exitCode == 0, "\(again.stderr)")
        let plan = try await setup.run(["plan", "sites", "--detailed-exitcode"], api: url)
        #expect(plan.exitCode == 0, "\(plan.stdout)\(plan.stderr)")
        let snapshot = try SecretsStore.read(path: setup.secretsPath)
        #expect(snapshot.entries.count == 2)
        #expect(snapshot.entries.contains(first.entries[0]))
        #expect(snapshot.unresolvedIntents.isEmpty)
        #expect(!applied.stdout.contains("whsec_") && !applied.stderr.contains("whsec_"))
    }

    @Test func anAnswerWithAnotherURLIsRecordedAndWarnedInTextJSONAndTheStepSummary() async throws {
        let setup = try Setup()
        defer { setup.remove() }
        let (emulator, url) = try await BackgroundProcess.emulator(in: setup.root)
        defer { emulator.stop() }
        try await Self.setFaults(url, #"{"answerOtherURLNext": 1}"#)
        let summary = setup.root.appendingPathComponent("summary.md").path
        let applied = try await setup.run(["apply", "sites", "--auto-approve", "--concurrency", "1", "--format", "json"], api: url,
                                    extraEnvironment: ["GITHUB_STEP_SUMMARY": summary])
        #expect(applied.exitCode == 0, "\(applied.stderr)")
        let warning = "one: the API created wh_"
        #expect(applied.stderr.contains("! warning: \(warning)"), "\(applied.stderr)")
        #expect(applied.stderr.contains("with the URL https://hooks.example.com/bind/one-other, not https://hooks.example.com/bind/one as asked"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(applied.stdout.utf8)) as? [String: Any])
        let warnings = try #require(json["warnings"] as? [[String: String]])
        #expect(warnings.count == 1 && warnings[0]["siteId"] == "site_bind" && warnings[0]["message"]?.hasPrefix(warning) == true)
        #expect(try String(contentsOfFile: summary, encoding: .utf8).contains("! site_bind: \(warning)"))
        #expect(try SecretsStore.read(path: setup.secretsPath).entries.map(\.url).contains("https://hooks.example.com/bind/one-other"))
    }

    /// Every proxy variable points at a capture server: a loopback http:// API is reached directly.
    @Test func aLoopbackAPIIsNeverReachedThroughAProxy() async throws {
        let setup = try Setup()
        defer { setup.remove() }
        let (emulator, url) = try await BackgroundProcess.emulator(in: setup.root)
        defer { emulator.stop() }
        let log = setup.root.appendingPathComponent("proxy.log")
        let (proxy, port) = try await Self.captureProxy(log: log)
        defer { proxy.stop() }
        let via = "http://127.0.0.1:\(port)"
        let proxies = ["http_proxy": via, "HTTP_PROXY": via, "https_proxy": via, "HTTPS_PROXY": via, "all_proxy": via, "ALL_PROXY": via]
        let applied = try await setup.run(["apply", "sites", "--auto-approve"], api: url, extraEnvironment: proxies)
        #expect(applied.exitCode == 0, "\(applied.stderr)")
        let plan = try await setup.run(["plan", "sites", "--detailed-exitcode"], api: url, extraEnvironment: proxies)
        #expect(plan.exitCode == 0, "\(plan.stderr)")
        #expect(((try? String(contentsOf: log, encoding: .utf8)) ?? "").isEmpty)
        #expect(try await setup.stats(url) > 0)
    }

    /// A TCP server on a free loopback port that logs the first bytes of every connection it
    /// accepts (a proxy sees `GET http://...` or `CONNECT ...`) and closes it.
    static func captureProxy(log: URL) async throws -> (BackgroundProcess, port: Int) {
        let script = """
            import socket, sys
            server = socket.socket()
            server.bind(("127.0.0.1", 0))
            server.listen(16)
            print(server.getsockname()[1], flush=True)
            while True:
                connection, _ = server.accept()
                connection.settimeout(2)
                try:
                    first = connection.recv(200)
                except OSError:
                    first = b"(nothing)"
                with open(sys.argv[1], "ab") as f:
                    f.write(first + b"\\n")
                connection.close()
            """
        return try await BackgroundProcess.server(["python3", "-c", script, log.path], executable: URL(fileURLWithPath: "/usr/bin/env"))
    }

    static func setFaults(_ url: String, _ json: String) async throws {
        var request = URLRequest(url: URL(string: url + "/_sim/faults")!)
        request.httpMethod = "POST"
        request.httpBody = Data(json.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (_, response) = try await URLSession.shared.data(for: request)
        try #require((response as? HTTPURLResponse)?.statusCode == 200)
    }
}
