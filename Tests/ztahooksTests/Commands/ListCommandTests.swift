import Foundation
import Testing
import ZTAHooksCore

/// `ztahooks list` end to end on the sandbox workspace of the plan tests: two webhooks
/// ztahooks created, one nobody declares, and a site no file declares.
struct ListCommandTests {
    typealias Workspace = PlanCommandTests.Workspace

    @Test func tableShowsEveryLiveWebhookOfTheDeclaredSites() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let stateBefore = try workspace.read(".ztahooks/sandbox.json")
        let result = try await ImportCommandTests.run(["list", "--sandbox", "sites"], in: workspace)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        #expect(result.stdout == """
            SITE       ID         NAME        STATE                              ACTIVE  EVENTS  CREATED           LAST TRIGGERED  URL
            site_shop  wh_alerts  ops-alerts  managed                            yes     alert   2025-01-01 00:00  never           https://hooks.example.com/zta/alerts
            site_shop  wh_goals   goals       managed                            yes     goal    2025-01-01 00:00  never           https://hooks.example.com/zta/goals
            site_shop  wh_stale   -           unmanaged (next apply deletes it)  yes     goal    2025-01-01 00:00  never           https://old.example.com/zta

            3 webhooks on 2 sites: 2 managed, 0 adopted, 0 unknown, 1 unmanaged (1 deleted by the next apply).

            """)
        // list only reads.
        #expect(try workspace.read(".ztahooks/sandbox.json") == stateBefore)
        #expect(try workspace.read(".ztahooks/sandbox-secrets.json") == Data(Workspace.secrets.utf8))
    }

    @Test func namedSiteWithoutAFileIsUnmanagedAndNeverDeleted() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try await ImportCommandTests.run(["list", "--sandbox", "--format", "json", "--site", "site_other", "sites"], in: workspace)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let listing = try ListJSONRenderer.decode(Data(result.stdout.utf8))
        #expect(listing.formatVersion == 1)
        #expect(listing.sites.map(\.siteId) == ["site_other"])
        #expect(listing.sites[0].file == nil)
        let webhook = try #require(listing.sites[0].webhooks.first)
        #expect([webhook.id, webhook.url, webhook.createdAt] == ["wh_other", "https://other.example.com/zta", "2025-01-01T00:00:03.000Z"])
        #expect(webhook.state == .unmanaged && !webhook.deletedByNextApply && webhook.name == nil && webhook.lastTriggered == nil)
        #expect(result.stdout.contains("\"lastTriggered\" : null"))
    }

    @Test func colourOnlyOnATerminal() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try await ImportCommandTests.run(["list", "--sandbox", "sites"], in: workspace, environment: ["TERM": "xterm-256color"])
        #expect(!result.stdout.contains("\u{1B}["))
    }
}
