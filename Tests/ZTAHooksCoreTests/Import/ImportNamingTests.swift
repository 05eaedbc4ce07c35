import Foundation
import Testing
@testable import ZTAHooksCore

struct ImportNamingTests {
    typealias F = PlanFixtures

    @Test(arguments: [
        ("https://hooks.example.com/zta/alerts", "zta-alerts"),
        ("https://hooks.example.com/", "hooks-example-com"),
        ("https://hooks.example.com", "hooks-example-com"),
        ("https://Hooks.Example.com:8443/ZTA/Goals?team=Growth", "zta-goals-team-growth"),
        ("https://hooks.example.com/%E2%9C%93/x", "e2-9c-93-x"),
        ("https://例え.jp/", "jp"),
        ("https://例え/", "webhook"),
    ])
    func nameComesFromThePathElseTheHost(url: String, expected: String) {
        #expect(WebhookNaming.names(for: [F.live("wh_1", url, ["goal"])]) == ["wh_1": expected])
    }

    @Test func sameNameOnDifferentHostsIsToldApartByTheHost() {
        let names = WebhookNaming.names(for: [
            F.live("wh_eu", "https://ingest-eu.data.example.com/zta/events", ["event"]),
            F.live("wh_us", "https://ingest-us.data.example.com/zta/events", ["event"]),
            F.live("wh_other", "https://hooks.example.com/crm", ["goal"]),
        ])
        #expect(names == ["wh_eu": "ingest-eu-zta-events", "wh_us": "ingest-us-zta-events", "wh_other": "crm"])
    }

    /// The oldest keeps the plain name whatever order the API lists them in.
    @Test func remainingCollisionsGetSuffixesInCreationOrder() {
        let newer = F.live("wh_a", "https://hooks.example.com/zta/X", ["goal"], createdAt: 20)
        let older = F.live("wh_b", "https://hooks.example.com/zta/x", ["goal"], createdAt: 10)
        let tie = F.live("wh_c", "https://hooks.example.com/zta-x", ["goal"], createdAt: 20)
        let expected = ["wh_b": "zta-x", "wh_a": "zta-x-2", "wh_c": "zta-x-3"]
        #expect(WebhookNaming.names(for: [newer, older, tie]) == expected)
        #expect(WebhookNaming.names(for: [tie, older, newer]) == expected)
    }

    @Test func namesTheSecretsFileKnowsAreKept() {
        let names = WebhookNaming.names(
            for: [F.live("wh_1", "https://hooks.example.com/zta/alerts", ["alert"]),
                  F.live("wh_2", "https://hooks.example.com/other", ["goal"])],
            known: ["wh_1": "ops-alerts", "wh_2": "Not Valid"])
        #expect(names == ["wh_1": "ops-alerts", "wh_2": "other"])
    }

    @Test func longPathsAreCutOnAWordAndStayUnique() {
        let path = (0..<40).map { "segment\($0)" }.joined(separator: "/")
        let webhooks = (0..<12).map { F.live("wh_\($0)", "https://hooks.example.com/\(path)/\($0)", ["goal"], createdAt: Double($0)) }
        let names = WebhookNaming.names(for: webhooks)
        #expect(Set(names.values).count == 12)
        for name in names.values {
            #expect(name.count <= SiteFormat.nameMaxLength)
            #expect(SiteFormat.isValidWebhookName(name), "\(name)")
        }
        #expect(names["wh_0"] == "segment0-segment1-segment2-segment3-segment4-segment5-segment6")
        #expect(names["wh_1"] == "segment0-segment1-segment2-segment3-segment4-segment5-2")
    }
}
