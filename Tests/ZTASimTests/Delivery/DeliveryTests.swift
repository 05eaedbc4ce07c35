import Foundation
import Testing
import ZTASim

@Suite struct DeliveryTests {
    /// Retries after 5 ms and 25 ms instead of 5 s and 25 s.
    static let fast = SimOptions(deliveryTimeScale: 1000)

    static func seed(_ sim: SimHarness, _ seeds: [SimWebhookSeed]) async throws -> [SimWebhook] {
        try await sim.server.state.insert(seeds)
    }

    static func publish(_ sim: SimHarness, _ json: String) async throws -> [SimDeliveryRecord] {
        let answer = try await sim.send("POST", "/_sim/publish", json: json)
        #expect(answer.status == 200, "\(answer.text)")
        struct Body: Decodable { var deliveries: [SimDeliveryRecord] }
        return try JSONDecoder().decode(Body.self, from: answer.body).deliveries
    }

    @Test func deliversASignedBodyToSubscribedActiveWebhooksOnly() async throws {
        let receiver = try await TestReceiver.start()
        try await SimHarness.with(Self.fast) { sim async throws in
            let seeded = try await Self.seed(sim, [
                SimWebhookSeed(siteId: "s", url: receiver.url, events: ["pageview", "goal"], id: "wh_target"),
                SimWebhookSeed(siteId: "s", url: receiver.url, events: ["goal"], id: "wh_goal_only"),
                SimWebhookSeed(siteId: "s", url: receiver.url, events: ["pageview"], id: "wh_inactive", active: false),
                SimWebhookSeed(siteId: "other", url: receiver.url, events: ["pageview"], id: "wh_other_site"),
            ])
            let records = try await Self.publish(sim, #"{"event":"pageview","siteId":"s","wait":true}"#)
            #expect(records.map(\.webhookId) == ["wh_target"])
            #expect(records.first?.delivered == true)
            let received = await receiver.log.deliveries
            try #require(received.count == 1)
            let delivery = received[0]
            #expect(delivery.header("X-ZTA-Event") == "pageview")
            #expect(delivery.header("X-ZTA-Webhook-ID") == "wh_target")
            #expect(delivery.header("Content-Type") == "application/json")
            #expect(delivery.header("X-ZTA-Signature") == SimSignature.header(body: delivery.body, secret: seeded[0].secret))
            let text = String(decoding: delivery.body, as: UTF8.self)
            #expect(text.hasPrefix(#"{"event":"pageview","timestamp":""#))
            #expect(text.hasSuffix(#"","data":{"siteId":"s","path":"/blog/my-article","referrer":"https://google.com","country":"US","device":"desktop","browser":"Chrome"}}"#))
            let triggered = await sim.server.state.webhook(id: "wh_target")?.lastTriggered
            #expect(triggered?.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil)
            #expect(await sim.server.state.webhook(id: "wh_goal_only")?.lastTriggered == nil)
        }
        await receiver.stop()
    }

    @Test func signatureMatchesAKnownHMAC() {
        // HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog"), the textbook example.
        let header = SimSignature.header(body: Data("The quick brown fox jumps over the lazy dog".utf8), secret: "key")
        #expect(header == "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")
    }

    static let trickyPublish = #"""
        {"event":"event","siteId":"s","wait":true,"timestamp":"2024-12-12T16:30:00.000Z",
         "data":{"action":"sign\u0008up \"now\" ✓ 😀","value":1.5,"big":12345678901,"10":"ten","2":"two",
                 "nested":{"b":[1,true,null],"a":"x/y\\z"},"siteId":"ignored"}}
        """#

    @Test func documentsNodeSnippetVerifiesTheDelivery() async throws {
        let (delivery, secret) = try await Self.deliverTrickyEvent()
        let script = """
            const crypto = require('crypto');
            const fs = require('fs');
            function verifyWebhook(payload, signature, secret) {
              const expectedSignature = 'sha256=' +
                crypto
                  .createHmac('sha256', secret)
                  .update(JSON.stringify(payload))
                  .digest('hex');
              return crypto.timingSafeEqual(
                Buffer.from(signature),
                Buffer.from(expectedSignature)
              );
            }
            const payload = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
            process.exit(verifyWebhook(payload, process.argv[3], process.argv[4]) ? 0 : 3);
            """
        let status = try await Self.runVerifier("node", script: script, extension: "js", delivery: delivery, secret: secret)
        #expect(status == 0)
    }

    @Test func documentsPythonSnippetVerifiesTheDelivery() async throws {
        let (delivery, secret) = try await Self.deliverTrickyEvent()
        let script = """
            import hmac, hashlib, sys
            def verify_webhook(payload, signature, secret):
                expected_signature = 'sha256=' + hmac.new(
                    secret.encode('utf-8'),
                    payload.encode('utf-8'),
                    hashlib.sha256
                ).hexdigest()
                return hmac.compare_digest(signature, expected_signature)
            data = open(sys.argv[1], 'rb').read()
            sys.exit(0 if verify_webhook(data.decode(), sys.argv[2], sys.argv[3]) else 3)
            """
        let status = try await Self.runVerifier("python3", script: script, extension: "py", delivery: delivery, secret: secret)
        #expect(status == 0)
    }

    @Test func trickyDataIsWrittenTheWayJavaScriptWritesItBack() async throws {
        let (delivery, _) = try await Self.deliverTrickyEvent()
        let text = String(decoding: delivery.body, as: UTF8.self)
        #expect(text == #"{"event":"event","timestamp":"2024-12-12T16:30:00.000Z","data":{"2":"two","10":"ten","siteId":"s","action":"sign\bup \"now\" ✓ 😀","big":12345678901,"nested":{"a":"x/y\\z","b":[1,true,null]},"value":1.5}}"#)
    }

    static func deliverTrickyEvent() async throws -> (TestReceiver.Delivery, String) {
        let receiver = try await TestReceiver.start()
        let result = try await SimHarness.with(Self.fast) { sim async throws in
            let seeded = try await Self.seed(sim, [SimWebhookSeed(siteId: "s", url: receiver.url, events: ["event"])])
            let records = try await Self.publish(sim, trickyPublish)
            #expect(records.map(\.delivered) == [true])
            let delivery = try #require(await receiver.log.deliveries.first)
            return (delivery, seeded[0].secret)
        }
        await receiver.stop()
        return result
    }

    static func runVerifier(
        _ tool: String, script: String, extension ext: String, delivery: TestReceiver.Delivery, secret: String
    ) async throws -> Int32 {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ztasim-verify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let scriptURL = directory.appendingPathComponent("verify.\(ext)")
        let bodyURL = directory.appendingPathComponent("body.json")
        try Data(script.utf8).write(to: scriptURL)
        try delivery.body.write(to: bodyURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool, scriptURL.path, bodyURL.path, delivery.header("X-ZTA-Signature") ?? "", secret]
        return try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
    }

    @Test func retriesServerErrorsThenSucceeds() async throws {
        let receiver = try await TestReceiver.start(statuses: [503, 500, 200])
        try await SimHarness.with(Self.fast) { sim async throws in
            _ = try await Self.seed(sim, [SimWebhookSeed(siteId: "s", url: receiver.url, events: ["goal"], id: "wh_r")])
            let records = try await Self.publish(sim, #"{"event":"goal","siteId":"s","wait":true}"#)
            #expect(records.first?.attempts.map(\.status) == [503, 500, 200])
            #expect(records.first?.delivered == true)
            let bodies = await receiver.log.deliveries.map(\.body)
            // Every attempt carries the same bytes, so receivers can de-duplicate.
            #expect(Set(bodies).count == 1)
        }
        await receiver.stop()
    }

    @Test func clientErrorsAreNotRetried() async throws {
        let receiver = try await TestReceiver.start(statuses: [404])
        try await SimHarness.with(Self.fast) { sim async throws in
            _ = try await Self.seed(sim, [SimWebhookSeed(siteId: "s", url: receiver.url, events: ["goal"])])
            let records = try await Self.publish(sim, #"{"event":"goal","siteId":"s","wait":true}"#)
            #expect(records.first?.attempts.map(\.status) == [404])
            #expect(records.first?.delivered == false)
        }
        await receiver.stop()
    }

    @Test func slowReceiverTimesOutThreeTimes() async throws {
        let receiver = try await TestReceiver.start(hold: .milliseconds(400))
        try await SimHarness.with(SimOptions(deliveryTimeScale: 1000, deliveryTimeout: .milliseconds(100))) { sim async throws in
            _ = try await Self.seed(sim, [SimWebhookSeed(siteId: "s", url: receiver.url, events: ["goal"])])
            let records = try await Self.publish(sim, #"{"event":"goal","siteId":"s","wait":true}"#)
            #expect(records.first?.attempts.map(\.error) == ["timeout", "timeout", "timeout"])
            #expect(records.first?.delivered == false)
        }
        await receiver.stop()
    }

    @Test func repeatedFailedDeliveriesDisableTheWebhook() async throws {
        let receiver = try await TestReceiver.start(statuses: [500])
        try await SimHarness.with(SimOptions(deliveryTimeScale: 1000, disableAfterFailures: 2)) { sim async throws in
            _ = try await Self.seed(sim, [SimWebhookSeed(siteId: "s", url: receiver.url, events: ["goal"], id: "wh_d")])
            let first = try await Self.publish(sim, #"{"event":"goal","siteId":"s","wait":true}"#)
            #expect(first.map(\.disabledWebhook) == [false])
            #expect(first.first?.attempts.count == 3)
            let second = try await Self.publish(sim, #"{"event":"goal","siteId":"s","wait":true}"#)
            #expect(second.map(\.disabledWebhook) == [true])
            #expect(try await sim.list("s").webhooks.first?["active"] as? Bool == false)
            #expect(try await Self.publish(sim, #"{"event":"goal","siteId":"s","wait":true}"#).isEmpty)
            #expect(await receiver.log.deliveries.count == 6)
        }
        await receiver.stop()
    }

    @Test func unreachableReceiverFailsEachAttempt() async throws {
        try await SimHarness.with(Self.fast) { sim async throws in
            // Port 9 (discard) on loopback: nothing listens there in a test environment.
            _ = try await Self.seed(sim, [SimWebhookSeed(siteId: "s", url: "http://127.0.0.1:9/hook", events: ["goal"])])
            let records = try await Self.publish(sim, #"{"event":"goal","siteId":"s","wait":true}"#)
            #expect(records.first?.attempts.count == 3)
            #expect(records.first?.attempts.allSatisfy { $0.status == nil } == true)
            #expect(records.first?.delivered == false)
        }
    }

    @Test func publishWithoutWaitQueuesAndRecordsLater() async throws {
        let receiver = try await TestReceiver.start()
        try await SimHarness.with(Self.fast) { sim async throws in
            _ = try await Self.seed(sim, [SimWebhookSeed(siteId: "s", url: receiver.url, events: ["alert"])])
            let answer = try await sim.send("POST", "/_sim/publish", json: #"{"event":"alert","siteId":"s"}"#)
            #expect(answer.status == 202)
            #expect(answer.text == #"{"queued":1}"#)
            var records: [SimDeliveryRecord] = []
            for _ in 0..<200 where records.isEmpty {
                records = await sim.server.deliveries.records
                if records.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
            }
            #expect(records.map(\.delivered) == [true])
            let listed = try await sim.send("GET", "/_sim/deliveries")
            #expect(listed.status == 200)
            #expect((listed.object["deliveries"] as? [Any])?.count == 1)
        }
        await receiver.stop()
    }

    @Test(arguments: [
        (#"{"event":"nope","siteId":"s"}"#, "Invalid event type: nope"),
        (#"{"event":"goal"}"#, "Publish an object with event, siteId and optionally data, timestamp and wait"),
        (#"{"event":"goal","siteId":"s","data":[1]}"#, "data must be an object"),
    ])
    func badPublishRequestsAreRefused(body: String, message: String) async throws {
        try await SimHarness.with { sim async throws in
            let answer = try await sim.send("POST", "/_sim/publish", json: body)
            #expect(answer.status == 400)
            #expect(answer.error == message)
        }
    }
}
