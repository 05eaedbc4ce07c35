import Foundation
import Testing
import ZTAHooksCore
import ZTAWebhooks

/// `ztahooks listen` through the binary: verdicts and statuses, output formats, forwarding, and
/// secrets that change under it.
struct ListenCommandTests {
    private static let opsSecret = ListenProcess.secret()
    private static let ops = ListenProcess.entry(id: "wh_ops1", name: "ops-alerts", secret: opsSecret)
    private static let adopted = ListenProcess.entry(id: "wh_old1", name: "legacy", secret: nil)

    private func withListener(_ extra: [String] = [], _ body: (ListenProcess, URL) async throws -> Void) async throws {
        let root = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = try await ListenProcess.secretsFile(in: root, [Self.ops], adopted: [Self.adopted])
        let listener = try await ListenProcess.start(secretsFile: path, extra)
        defer { listener.process.stop() }
        try await body(listener, root)
        #expect(!listener.output.contains("whsec_"))
    }

    @Test func aSignedDeliveryIsAnsweredOKAndPrintedAsVerified() async throws {
        try await withListener { listener, _ in
            #expect(listener.process.stderr.contains("(secrets: "))
            #expect(listener.process.stderr.contains("1 webhooks with secrets)"))
            let answer = try await listener.deliver(ListenProcess.payload(), id: "wh_ops1", secret: Self.opsSecret)
            #expect(answer.status == 200)
            #expect(answer.body == "OK")
            let line = try #require(await listener.line(containing: "wh_ops1"))
            #expect(line.hasSuffix(" alert site_abc123/ops-alerts (wh_ops1) verified"), "\(line)")
            #expect(line.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z "#, options: .regularExpression) != nil, "\(line)")
            #expect(!line.contains("Traffic Spike"), "the body is printed only with --print-body")
        }
    }

    @Test func deliveriesThatDoNotVerifyAreAnswered401WithTheReason() async throws {
        try await withListener { listener, _ in
            let body = ListenProcess.payload()
            let cases: [(id: String, secret: String, reason: String)] = [
                ("wh_ops1", ListenProcess.secret(), "rejected: signature does not match the body and the secret"),
                ("wh_nobody", Self.opsSecret, "rejected: no secret known for that webhook id"),
                ("wh_old1", Self.opsSecret, "rejected: adopted without a secret"),
            ]
            for (id, secret, reason) in cases {
                let answer = try await listener.deliver(body, id: id, secret: secret)
                #expect(answer.status == 401, "\(id)")
                let line = try #require(await listener.line(containing: "(\(id))"))
                #expect(line.contains(reason), "\(line)")
            }
            let malformed = try await listener.post(Data(body.utf8), headers: ["X-ZTA-Webhook-ID": "wh_ops1", "X-ZTA-Signature": "sha256=abc123"])
            #expect(malformed.status == 401)
            #expect(await listener.line(containing: "malformed X-ZTA-Signature header") != nil)
            let unsigned = try await listener.post(Data(body.utf8), headers: ["X-ZTA-Webhook-ID": "wh_ops1"])
            #expect(unsigned.status == 401)
            #expect(await listener.line(containing: "rejected: no X-ZTA-Signature header") != nil)
            #expect(listener.process.stdout.split(separator: "\n").count == 5)
            #expect(!listener.process.stdout.contains(" verified"))
        }
    }

    @Test func aBodyOverOneMegabyteIsRefusedWith413() async throws {
        try await withListener { listener, _ in
            let big = Data(repeating: UInt8(ascii: "a"), count: (1 << 20) + 1)
            let answer = try await listener.post(big, headers: ["X-ZTA-Webhook-ID": "wh_ops1", "X-ZTA-Signature": WebhookSignature.header(body: big, secret: Self.opsSecret)])
            #expect(answer.status == 413)
            #expect(await listener.line(containing: "rejected: body too large (over 1048576 bytes)") != nil)
            // Exactly at the limit is still read (and rejected only for not being JSON).
            let limit = Data(repeating: UInt8(ascii: "a"), count: 1 << 20)
            let atLimit = try await listener.post(limit, headers: ["X-ZTA-Webhook-ID": "wh_ops1", "X-ZTA-Signature": WebhookSignature.header(body: limit, secret: Self.opsSecret)])
            #expect(atLimit.status == 400)
            #expect(await listener.line(containing: "rejected: not JSON") != nil)
        }
    }

    @Test func otherMethodsAreAnswered405() async throws {
        try await withListener { listener, _ in
            let answer = try await listener.post(Data(), headers: [:], method: "GET")
            #expect(answer.status == 405)
            #expect(await listener.line(containing: "rejected: method GET, not POST") != nil)
        }
    }

    @Test func jsonFormatPrintsOneStableObjectPerDelivery() async throws {
        try await withListener(["--format", "json", "--print-body"]) { listener, _ in
            let body = ListenProcess.payload()
            _ = try await listener.deliver(body, id: "wh_ops1", secret: Self.opsSecret)
            _ = try await listener.deliver(body, id: "wh_ops1", secret: ListenProcess.secret())
            _ = await listener.line(containing: "signature does not match")
            let objects = try listener.process.stdout.split(separator: "\n").map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            }
            try #require(objects.count == 2)
            let keys = ["body", "duplicateOf", "event", "forwardError", "forwarded", "id", "name", "reason", "site", "status", "time", "verified"]
            #expect(objects.allSatisfy { $0.keys.sorted() == keys })
            #expect(objects[0]["verified"] as? Bool == true)
            #expect(objects[0]["status"] as? Int == 200)
            #expect(objects[0]["reason"] is NSNull)
            #expect(objects[0]["name"] as? String == "ops-alerts")
            #expect(objects[0]["site"] as? String == "site_abc123")
            #expect(objects[0]["event"] as? String == "alert")
            #expect(objects[0]["body"] as? String == body)
            #expect(objects[1]["verified"] as? Bool == false)
            #expect(objects[1]["status"] as? Int == 401)
            #expect(objects[1]["reason"] as? String == "signature does not match the body and the secret")
        }
    }

    @Test func textFromTheRequestIsSanitised() async throws {
        try await withListener { listener, _ in
            let body = #"{"event":"alert","data":{"siteId":"evil\u001b[2K\r- delete"}}"#
            let answer = try await listener.deliver(body, id: "wh_unknown", secret: Self.opsSecret)
            #expect(answer.status == 401)
            let line = try #require(await listener.line(containing: "wh_unknown"))
            #expect(line.contains(#" evil\u001b[2K\u000d- delete/- (wh_unknown) "#), "\(line)")
            #expect(!listener.process.stdout.contains("\u{1b}"))
        }
    }

    @Test func forwardPassesVerifiedDeliveriesOnUnchangedAndAnswersWithTheAppsStatus() async throws {
        let root = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let log = root.appendingPathComponent("app.log")
        let (app, appPort) = try await BackgroundProcess.app(log: log, status: 202)
        defer { app.stop() }
        let path = try await ListenProcess.secretsFile(in: root, [Self.ops])
        let listener = try await ListenProcess.start(secretsFile: path, ["--forward", "http://127.0.0.1:\(appPort)/app/hooks?from=listen"])
        defer { listener.process.stop() }

        let body = ListenProcess.payload()
        let answer = try await listener.deliver(body, id: "wh_ops1", secret: Self.opsSecret)
        #expect(answer.status == 202)
        #expect(answer.body == "app says hi")
        #expect(await listener.line(containing: "verified → forwarded: 202") != nil)
        let rejected = try await listener.deliver(body, id: "wh_ops1", secret: ListenProcess.secret())
        #expect(rejected.status == 401)

        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        try #require(lines.count == 1, "only the verified delivery reaches the app")
        let seen = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        let headers = Dictionary(uniqueKeysWithValues: ((seen["headers"] as? [String: String]) ?? [:]).map { ($0.key.lowercased(), $0.value) })
        #expect(seen["path"] as? String == "/app/hooks?from=listen")
        #expect(seen["body"] as? String == body)
        #expect(headers["x-zta-webhook-id"] == "wh_ops1")
        #expect(headers["x-zta-event"] == "alert")
        #expect(headers["x-zta-signature"] == WebhookSignature.header(body: Data(body.utf8), secret: Self.opsSecret))
        #expect(headers["content-type"] == "application/json")
        #expect(!listener.output.contains("whsec_"))
    }

    @Test func forwardingToAnAppThatIsDownAnswers502() async throws {
        let root = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let (app, appPort) = try await BackgroundProcess.app(log: root.appendingPathComponent("app.log"), status: 200)
        app.stop()
        let path = try await ListenProcess.secretsFile(in: root, [Self.ops])
        let listener = try await ListenProcess.start(secretsFile: path, ["--forward", "http://127.0.0.1:\(appPort)/"])
        defer { listener.process.stop() }
        let answer = try await listener.deliver(ListenProcess.payload(), id: "wh_ops1", secret: Self.opsSecret)
        #expect(answer.status == 502)
        #expect(await listener.line(containing: "verified → forwarded: failed (") != nil)
    }

    @Test func aWebhookCreatedWhileListeningVerifiesFromTheJournalAndAfterTheFold() async throws {
        try await withListener { listener, root async throws in
            let path = root.appendingPathComponent("secrets.json").path
            // As a running rotate would: the new webhook's secret is only in the journal.
            let store = try await SecretsStore.open(path: path, lockTimeout: .seconds(10))
            let newSecret = ListenProcess.secret()
            try await store.recordCreated(ListenProcess.entry(id: "wh_ops2", name: "ops-alerts", secret: newSecret), intentId: "int_rotate")
            #expect(FileManager.default.fileExists(atPath: path + ".journal"))
            let body = ListenProcess.payload()
            #expect(try await listener.deliver(body, id: "wh_ops2", secret: newSecret).status == 200)
            #expect(try await listener.deliver(body, id: "wh_ops1", secret: Self.opsSecret).status == 200)

            // The old webhook goes, and the journal is folded into the file.
            try await store.recordRetired(siteId: "site_abc123", id: "wh_ops1", reason: RetirementReason.deleted, at: Date())
            try await store.close()
            #expect(!FileManager.default.fileExists(atPath: path + ".journal"))
            #expect(try await listener.deliver(body, id: "wh_ops2", secret: newSecret).status == 200)
            // Deleted, and still verified for the grace: a delivery published just before the
            // delete, or its retry, arrives after it.
            #expect(try await listener.deliver(body, id: "wh_ops1", secret: Self.opsSecret).status == 200)
            #expect(await listener.line(containing: "(wh_ops2) verified") != nil)
        }
    }

    @Test func withoutAGraceADeletedWebhookIsRefusedOnceTheDeleteIsRecorded() async throws {
        try await withListener(["--retired-grace", "0s"]) { listener, root async throws in
            let path = root.appendingPathComponent("secrets.json").path
            let store = try await SecretsStore.open(path: path, lockTimeout: .seconds(10))
            try await store.recordRetired(siteId: "site_abc123", id: "wh_ops1", reason: RetirementReason.deleted, at: Date())
            try await store.close()
            #expect(try await listener.deliver(ListenProcess.payload(), id: "wh_ops1", secret: Self.opsSecret).status == 401)
        }
    }

    @Test func sealedSecretsVerifyWithTheKeyAndAreNamedWithoutIt() async throws {
        let root = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = try await ListenProcess.secretsFile(in: root, [Self.ops])
        let key = SecretsKey.generate()
        #expect(try await SecretsStore.rekey(path: path, from: nil, to: key) == 1)

        let keyless = try await ListenProcess.start(secretsFile: path)
        defer { keyless.process.stop() }
        #expect(keyless.process.stderr.contains("1 secrets in"))
        #expect(try await keyless.deliver(ListenProcess.payload(), id: "wh_ops1", secret: Self.opsSecret).status == 401)
        #expect(await keyless.line(containing: "the secret is sealed") != nil)

        let keyed = try await ListenProcess.start(secretsFile: path, environment: ["ZTAHOOKS_SECRETS_KEY": key.base64])
        defer { keyed.process.stop() }
        #expect(try await keyed.deliver(ListenProcess.payload(), id: "wh_ops1", secret: Self.opsSecret).status == 200)
    }

    @Test func rotationsDuringContinuousDeliveriesAreNeverRejected() async throws {
        try await withListener { listener, root async throws in
            let path = root.appendingPathComponent("secrets.json").path
            let live = LiveWebhooks([("wh_ops1", Self.opsSecret)])
            let body = ListenProcess.payload()
            let sender = Task {
                var statuses: [Int] = []
                while !live.isStopped {
                    for (id, secret) in live.current {
                        statuses.append((try? await listener.deliver(body, id: id, secret: secret).status) ?? 0)
                    }
                    live.finishRound()
                }
                return statuses
            }
            // Each round as rotate does it: create (recorded in the journal), both live, delete the
            // old one once no delivery to it is in flight, fold. A small fold threshold makes the
            // store also fold in the middle (a new file renamed over the old one, the journal gone).
            for round in 1...8 {
                let store = try await SecretsStore.open(path: path, minimumFoldBytes: 256, lockTimeout: .seconds(10))
                let id = "wh_rot\(round)", secret = ListenProcess.secret()
                try await store.recordCreated(ListenProcess.entry(id: id, name: "ops-alerts", secret: secret), intentId: "int_\(round)")
                live.add(id, secret)
                await live.waitRounds(2)
                let old = live.removeOldest()
                await live.waitRounds(2)
                try await store.recordRetired(siteId: "site_abc123", id: old, reason: RetirementReason.deleted, at: Date())
                try await store.close()
            }
            live.stop()
            let statuses = await sender.value
            #expect(statuses.count >= 32)
            #expect(statuses.allSatisfy { $0 == 200 }, "\(statuses.filter { $0 != 200 }.count) of \(statuses.count) not verified: \(listener.process.stdout.split(separator: "\n").filter { $0.contains("rejected") }.prefix(3))")
        }
    }

    @Test func anUnknownIdReadsTheFileAgainEvenWhenItLooksUnchanged() async throws {
        try await withListener { listener, root async throws in
            // Rewritten in place with the same size and its old modification time restored: the
            // identity check sees nothing, only the read before a 401 finds the new id.
            let script = """
                cp -p secrets.json reference && \\
                python3 -c 'import sys; f = open("secrets.json", "r+b"); d = f.read().replace(b"wh_ops1", b"wh_ops9"); f.seek(0); f.write(d)' && \\
                touch -r reference secrets.json
                """
            #expect(try await SecretsCustodyCommandTests.shell(script, in: root) == 0)
            #expect(try await listener.deliver(ListenProcess.payload(), id: "wh_ops9", secret: Self.opsSecret).status == 200)
        }
    }

    @Test func aDamagedSecretsFileKeepsTheLastGoodSecretsAndWarnsOnce() async throws {
        try await withListener { listener, root in
            try Data("{ not json".utf8).write(to: root.appendingPathComponent("secrets.json"))
            for _ in 0..<2 {
                #expect(try await listener.deliver(ListenProcess.payload(), id: "wh_ops1", secret: Self.opsSecret).status == 200)
            }
            let warnings = listener.process.stderr.components(separatedBy: "could not read the secrets file again").count - 1
            #expect(warnings == 1, "\(listener.process.stderr)")
        }
    }

    @Test func ctrlCStopsWithExitZero() async throws {
        try await withListener { listener, _ in
            listener.process.signal(SIGINT)
            #expect(await listener.process.wait(timeout: 20) == 0)
            #expect(listener.process.stderr.contains("ztahooks listen: stopped"))
        }
    }

    @Test func aNonLoopbackHostIsRefusedUnlessAllowed() async throws {
        let result = try await BinaryRunner.run(["listen", "--host", "0.0.0.0", "--port", "0"])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("--host 0.0.0.0 is not a loopback address"))
        let forward = try await BinaryRunner.run(["listen", "--forward", "http://app.example.com/hooks"])
        #expect(forward.exitCode == 64)
        #expect(forward.stderr.contains("--forward must be an absolute https:// URL, or http:// to a loopback address"))
    }
}

/// The webhooks a rotation test delivers to right now, and how many full rounds of deliveries
/// have been sent since.
private final class LiveWebhooks: @unchecked Sendable {
    private let lock = NSLock()
    private var webhooks: [(id: String, secret: String)]
    private var rounds = 0
    private var stopped = false

    init(_ webhooks: [(id: String, secret: String)]) {
        self.webhooks = webhooks
    }

    var current: [(id: String, secret: String)] { lock.withLock { webhooks } }

    func add(_ id: String, _ secret: String) { lock.withLock { webhooks.append((id, secret)) } }

    func removeOldest() -> String { lock.withLock { webhooks.removeFirst().id } }

    func finishRound() { lock.withLock { rounds += 1 } }

    /// Ends the deliveries after the round in progress (a cancelled request would read as a failure).
    func stop() { lock.withLock { stopped = true } }

    var isStopped: Bool { lock.withLock { stopped } }

    /// Returns once `count` more rounds have finished: a round that began before the call may
    /// still use what was there then, the one after it cannot.
    func waitRounds(_ count: Int) async {
        let target = lock.withLock { rounds } + count
        while lock.withLock({ rounds }) < target { try? await Task.sleep(for: .milliseconds(5)) }
    }
}
