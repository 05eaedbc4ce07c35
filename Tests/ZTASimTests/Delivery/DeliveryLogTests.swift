import Foundation
import Testing
@testable import ZTASim

@Suite struct DeliveryLogTests {
    @Test func everyRecordHasAnIdThePublishTimeAndTimedAttempts() async throws {
        let receiver = try await TestReceiver.start(statuses: [503, 200], hold: .milliseconds(30))
        try await SimHarness.with(DeliveryTests.fast) { sim async throws in
            _ = try await DeliveryTests.seed(sim, [
                SimWebhookSeed(siteId: "s", url: receiver.url, events: ["goal"], id: "wh_a"),
                SimWebhookSeed(siteId: "s", url: receiver.url, events: ["goal"], id: "wh_b"),
            ])
            let records = try await DeliveryTests.publish(sim, #"{"event":"goal","siteId":"s","wait":true}"#)
            #expect(records.count == 2)
            #expect(Set(records.map(\.id)).count == 2)
            let timestamp = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/
            for record in records {
                #expect(record.id.wholeMatch(of: /dlv_[0-9a-z]{24}/) != nil)
                #expect(record.siteId == "s")
                #expect(record.publishedAt.wholeMatch(of: timestamp) != nil)
                for attempt in record.attempts {
                    #expect(attempt.startedAt.wholeMatch(of: timestamp) != nil)
                    #expect(attempt.startedAt >= record.publishedAt)
                    // The receiver holds every answer 30 ms.
                    #expect(attempt.durationMs >= 30)
                }
            }
            // One of the two got the 503 and a retry; the other its 200 at once.
            #expect(records.map { $0.attempts.map(\.status) }.sorted { $0.count < $1.count } == [[200], [503, 200]])
        }
        await receiver.stop()
    }

    @Test func theLogFiltersByWebhookAndBySite() async throws {
        let receiver = try await TestReceiver.start()
        try await SimHarness.with(DeliveryTests.fast) { sim async throws in
            _ = try await DeliveryTests.seed(sim, [
                SimWebhookSeed(siteId: "s1", url: receiver.url, events: ["goal"], id: "wh_1"),
                SimWebhookSeed(siteId: "s1", url: receiver.url, events: ["goal"], id: "wh_2"),
                SimWebhookSeed(siteId: "s2", url: receiver.url, events: ["goal"], id: "wh_3"),
            ])
            _ = try await DeliveryTests.publish(sim, #"{"event":"goal","siteId":"s1","wait":true}"#)
            _ = try await DeliveryTests.publish(sim, #"{"event":"goal","siteId":"s2","wait":true}"#)
            func webhookIds(_ query: String) async throws -> [String] {
                let answer = try await sim.send("GET", "/_sim/deliveries" + query)
                #expect(answer.status == 200)
                return ((answer.object["deliveries"] as? [[String: Any]]) ?? []).compactMap { $0["webhookId"] as? String }.sorted()
            }
            #expect(try await webhookIds("") == ["wh_1", "wh_2", "wh_3"])
            #expect(try await webhookIds("?siteId=s1") == ["wh_1", "wh_2"])
            #expect(try await webhookIds("?webhookId=wh_3") == ["wh_3"])
            #expect(try await webhookIds("?siteId=s1&webhookId=wh_3") == [])
            #expect(try await webhookIds("?siteId=nobody") == [])
        }
        await receiver.stop()
    }

    @Test func theJSONCarriesTheNewFieldsBesideTheOldOnes() async throws {
        let receiver = try await TestReceiver.start()
        try await SimHarness.with(DeliveryTests.fast) { sim async throws in
            _ = try await DeliveryTests.seed(sim, [SimWebhookSeed(siteId: "s", url: receiver.url, events: ["goal"])])
            _ = try await DeliveryTests.publish(sim, #"{"event":"goal","siteId":"s","wait":true}"#)
            let answer = try await sim.send("GET", "/_sim/deliveries")
            let record = try #require((answer.object["deliveries"] as? [[String: Any]])?.first)
            #expect(Set(record.keys) == [
                "id", "siteId", "webhookId", "url", "event", "publishedAt", "body", "signature", "attempts", "delivered",
                "disabledWebhook",
            ])
            let attempt = try #require((record["attempts"] as? [[String: Any]])?.first)
            #expect(Set(attempt.keys) == ["status", "startedAt", "durationMs"])
        }
        await receiver.stop()
    }

    @Test func everyAnswerIsMarkedAsTheEmulators() async throws {
        try await SimHarness.with { sim async throws in
            for (method, path) in [("GET", "/_sim/stats"), ("GET", "/api/webhooks?siteId=s"), ("GET", "/nowhere"), ("PUT", "/_sim/state")] {
                let answer = try await sim.send(method, path)
                #expect(answer.header(SimServer.emulatorHeader) == "ztahooks", "\(method) \(path)")
            }
        }
    }

    @Test func theLogKeepsOnlyTheMostRecentRecords() {
        var log = SimDeliveryLog(capacity: 3)
        func record(_ id: String, site: String) -> SimDeliveryRecord {
            SimDeliveryRecord(
                id: id, siteId: site, webhookId: "wh_" + id, url: "https://h.example.com", routedTo: nil, event: "goal",
                publishedAt: "2024-12-12T16:00:00.000Z", body: "{}", signature: "sha256=00", attempts: [], delivered: true,
                disabledWebhook: false
            )
        }
        for (index, id) in ["a", "b", "c", "d", "e"].enumerated() { log.append(record(id, site: index.isMultiple(of: 2) ? "even" : "odd")) }
        #expect(log.records.map(\.id) == ["c", "d", "e"])
        #expect(log.records(webhookId: nil, siteId: "even").map(\.id) == ["c", "e"])
        #expect(log.records(webhookId: "wh_d", siteId: nil).map(\.id) == ["d"])
        log.removeAll()
        #expect(log.records.isEmpty)
        #expect(SimDeliveryLog.defaultCapacity == 10_000)
    }
}
