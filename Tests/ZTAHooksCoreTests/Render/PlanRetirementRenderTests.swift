import Foundation
import Testing
@testable import ZTAHooksCore

/// What a reviewer reads about recorded secrets the plan keeps as retired or restores.
struct PlanRetirementRenderTests {
    typealias F = PlanFixtures

    static var plan: Plan {
        let secrets = SecretsSnapshot(entries: [F.known("wh_gone", "old", "https://a.example.com/old")], retired: [
            RetiredEntry(entry: F.known("wh_back", "ops", "https://a.example.com/x"), retiredAt: "2024-12-20T09:00:00.000Z",
                         reason: "no longer listed by the API"),
        ])
        return Planner.plan(sites: [F.siteFile([F.declared("ops", "https://a.example.com/x", [.alert])])],
                            live: [F.site: .success([F.live("wh_back", "https://a.example.com/x", ["alert"])])], secrets: secrets)
    }

    @Test func theTextPlanNamesEachAndCountsThem() {
        let text = PlanTextRenderer.render(Self.plan)
        #expect(text == """
            site site_shop (sites/shop.yaml)
              ~ retire  old (wh_gone) https://a.example.com/old: no longer listed by the API; its recorded secret is kept as retired
              note: ops (wh_back) is listed again: its retired secret is restored

            No changes: live webhooks match the site files. 1 unchanged. 1 recorded secret: webhook no longer listed, kept as retired.

            """)
    }

    @Test func markdownAndJSONSayTheSame() throws {
        let markdown = PlanMarkdownRenderer.render(Self.plan)
        #expect(markdown.contains("· 🗄️ 1 recorded secret: webhook no longer listed, kept as retired"))
        #expect(markdown.contains("# ~ retire  old (wh_gone) https://a.example.com/old: no longer listed by the API"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(PlanJSONRenderer.render(Self.plan).utf8)) as? [String: Any])
        let site = try #require((json["sites"] as? [[String: Any]])?.first)
        #expect((site["retiring"] as? [[String: String]])?.first == [
            "id": "wh_gone", "name": "old", "url": "https://a.example.com/old", "reason": "no longer listed by the API",
        ])
        #expect((site["restoring"] as? [[String: String]])?.first?["id"] == "wh_back")
        #expect((json["summary"] as? [String: Int])?["retiring"] == 1)
        // A saved plan reads back with both.
        let decoded = try JSONDecoder().decode(Plan.self, from: Data(PlanJSONRenderer.render(Self.plan).utf8))
        #expect(decoded == Self.plan)
    }
}
