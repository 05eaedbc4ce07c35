import Foundation
import Testing
import ZTAWebhooks

@Suite struct WebhookDeduplicatorTests {
    private let body = Data(#"{"event":"goal","timestamp":"2026-12-07T10:00:00.000Z","data":{"siteId":"s","goalId":"g1"}}"#.utf8)

    @Test func theSecondDeliveryThroughTheOtherWebhookOfAPairIsADuplicate() async {
        let deduplicator = WebhookDeduplicator()
        #expect(await deduplicator.check(body: body, webhookID: "wh_old", pairedWith: ["wh_new"]) == .first)
        #expect(await deduplicator.check(body: body, webhookID: "wh_new", pairedWith: ["wh_old"]) == .duplicate(of: "wh_old"))
        // Either may come first.
        let other = Data(body.reversed())
        #expect(await deduplicator.check(body: other, webhookID: "wh_new", pairedWith: ["wh_old"]) == .first)
        #expect(await deduplicator.check(body: other, webhookID: "wh_old", pairedWith: ["wh_new"]) == .duplicate(of: "wh_new"))
    }

    @Test func theSameBodyTwiceThroughOneWebhookIsTwoEvents() async {
        let deduplicator = WebhookDeduplicator()
        #expect(await deduplicator.check(body: body, webhookID: "wh_old", pairedWith: ["wh_new"]) == .first)
        #expect(await deduplicator.check(body: body, webhookID: "wh_old", pairedWith: ["wh_new"]) == .first)
        // Each pairs with one through the other webhook, and a third there is an event of its own.
        #expect(await deduplicator.check(body: body, webhookID: "wh_new", pairedWith: ["wh_old"]) == .duplicate(of: "wh_old"))
        #expect(await deduplicator.check(body: body, webhookID: "wh_new", pairedWith: ["wh_old"]) == .duplicate(of: "wh_old"))
        #expect(await deduplicator.check(body: body, webhookID: "wh_new", pairedWith: ["wh_old"]) == .first)
    }

    @Test func bodiesThatDifferAndWebhooksInNoPairAreNeverMerged() async {
        let deduplicator = WebhookDeduplicator()
        var changed = body
        changed[changed.count - 3] = UInt8(ascii: "2")
        #expect(await deduplicator.check(body: body, webhookID: "wh_old", pairedWith: ["wh_new"]) == .first)
        #expect(await deduplicator.check(body: changed, webhookID: "wh_new", pairedWith: ["wh_old"]) == .first)
        // Two webhooks of one site in no pair: two subscriptions, each gets every event.
        #expect(await deduplicator.check(body: body, webhookID: "wh_a", pairedWith: []) == .first)
        #expect(await deduplicator.check(body: body, webhookID: "wh_b", pairedWith: []) == .first)
        // Another pair is another pair.
        #expect(await deduplicator.check(body: body, webhookID: "wh_c", pairedWith: ["wh_d"]) == .first)
        #expect(await deduplicator.remembered == 2)
    }

    @Test func aPairLearnedLateStillHoldsBackTheSecondDelivery() async {
        // The old webhook's delivery came before the receiver knew of the new one (its secret
        // reached the receiver's store after the overlap began).
        let deduplicator = WebhookDeduplicator()
        #expect(await deduplicator.check(body: body, webhookID: "wh_old", pairedWith: []) == .first)
        #expect(await deduplicator.check(body: body, webhookID: "wh_new", pairedWith: ["wh_old"]) == .duplicate(of: "wh_old"))
    }

    @Test func theWindowEnds() async {
        let deduplicator = WebhookDeduplicator(window: .seconds(60))
        let start = Date(timeIntervalSince1970: 1_765_000_000)
        #expect(await deduplicator.check(body: body, webhookID: "wh_old", pairedWith: ["wh_new"], now: start) == .first)
        #expect(await deduplicator.check(body: body, webhookID: "wh_new", pairedWith: ["wh_old"], now: start + 61) == .first)
        #expect(await deduplicator.check(body: body, webhookID: "wh_old", pairedWith: ["wh_new"], now: start + 62) == .duplicate(of: "wh_new"))
    }

    @Test func memoryStaysWithinTheCapAfterAMillionDeliveries() async {
        let store = InMemoryDeduplicationStore(capacity: 1000)
        let start = Date(timeIntervalSince1970: 1_765_000_000)
        for n in 0..<1_000_000 {
            _ = await store.arrived(key: "wh_old:\(n)", webhookID: "wh_old", now: start, window: .seconds(600))
        }
        #expect(await store.count == 1000)
        // The newest are the ones kept.
        #expect(await store.arrived(key: "wh_old:999999", webhookID: "wh_new", now: start, window: .seconds(600)) == ["wh_old": 1, "wh_new": 1])
        #expect(await store.arrived(key: "wh_old:0", webhookID: "wh_new", now: start, window: .seconds(600)) == ["wh_new": 1])
        let deduplicator = WebhookDeduplicator(capacity: 100)
        for n in 0..<20_000 {
            _ = await deduplicator.check(body: Data("\(n)".utf8), webhookID: "wh_old", pairedWith: ["wh_new"])
        }
        #expect(await deduplicator.remembered == 100)
    }

    /// A store that fails: events pass on rather than being lost.
    private struct BrokenStore: DeduplicationStore {
        struct Down: Error {}
        func arrived(key: String, webhookID: String, now: Date, window: Duration) async throws -> [String: Int] { throw Down() }
    }

    @Test func aStoreThatFailsLosesNoEvent() async {
        let deduplicator = WebhookDeduplicator(store: BrokenStore())
        #expect(await deduplicator.check(body: body, webhookID: "wh_old", pairedWith: ["wh_new"]) == .first)
        #expect(await deduplicator.check(body: body, webhookID: "wh_new", pairedWith: ["wh_old"]) == .first)
    }

    @Test func theLineageFollowsReplacesThroughRotates() throws {
        let file = """
            {"version": 1, "webhooks": [
              {"siteId": "s", "name": "a", "id": "wh_3", "url": "https://h/a", "events": ["goal"], "secret": "whsec_3", "replaces": "wh_2"},
              {"siteId": "s", "name": "b", "id": "wh_b", "url": "https://h/b", "events": ["goal"], "secret": "whsec_b"}
            ], "retired": [
              {"siteId": "s", "name": "a", "id": "wh_2", "url": "https://h/a", "events": ["goal"], "secret": "whsec_2", "replaces": "wh_1",
               "retiredAt": "2026-12-07T10:00:00.000Z", "reason": "replaced by wh_3"},
              {"siteId": "s", "name": "a", "id": "wh_1", "url": "https://h/a", "events": ["goal"], "secret": "whsec_1",
               "retiredAt": "2026-12-07T09:00:00.000Z", "reason": "replaced by wh_2"}
            ]}
            """
        let secrets = try WebhookSecrets(file: Data(file.utf8), journal: nil)
        #expect(secrets.pairedWebhookIDs(of: "wh_3") == ["wh_2", "wh_1"])
        #expect(secrets.pairedWebhookIDs(of: "wh_2") == ["wh_3", "wh_1"])
        #expect(secrets.pairedWebhookIDs(of: "wh_1") == ["wh_2", "wh_3"])
        #expect(secrets.pairedWebhookIDs(of: "wh_b").isEmpty)
        #expect(secrets.pairedWebhookIDs(of: "wh_unknown").isEmpty)
    }
}
