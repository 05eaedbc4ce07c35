import Foundation
import Testing
@testable import ZTAHooksCore

struct ListerTests {
    typealias F = PlanFixtures

    @Test func eachLiveWebhookGetsItsState() throws {
        let file = F.siteFile([
            F.declared("ops", "https://hooks.example.com/ops", [.alert]),
            F.declared("crm", "https://hooks.example.com/crm", [.goal]),
            F.declared("hand", "https://hooks.example.com/hand", [.event]),
        ])
        let live = [
            F.live("wh_ops", "https://hooks.example.com/ops", ["alert"], createdAt: 1),
            F.live("wh_crm", "https://hooks.example.com/crm", ["goal"], createdAt: 2),
            F.live("wh_hand", "https://hooks.example.com/hand", ["event"], active: false, createdAt: 3),
            F.live("wh_copy", "https://hooks.example.com/ops", ["alert"], createdAt: 4),
            F.live("wh_stray", "https://stray.example.com/", ["goal"], createdAt: 5),
        ]
        let secrets = SecretsSnapshot(entries: [
            F.known("wh_ops", "ops", "https://hooks.example.com/ops"),
            F.known("wh_crm", "crm", "https://hooks.example.com/crm", secret: nil, adopted: true),
            F.known("wh_stray", "old-name", "https://stray.example.com/"),
        ])
        let listing = Lister.list(declared: [file], live: [F.site: .success(live)], secrets: secrets)
        let rows = try #require(listing.sites.first).webhooks
        #expect(rows.map(\.id) == ["wh_ops", "wh_crm", "wh_hand", "wh_copy", "wh_stray"])
        #expect(rows.map(\.state) == [.managed, .adopted, .unknown, .unmanaged, .unmanaged])
        #expect(rows.map(\.name) == ["ops", "crm", "hand", nil, "old-name"])
        #expect(rows.map(\.deletedByNextApply) == [false, false, false, true, true])
        #expect(rows[2].active == false)
        #expect(listing.summary.deletedByNextApply == 2)

        let keep = Lister.list(declared: [F.siteFile([], prune: false)], live: [F.site: .success(live)], secrets: .empty)
        #expect(keep.sites[0].webhooks.allSatisfy { $0.state == .unmanaged && !$0.deletedByNextApply })
    }

    @Test func aSiteNoFileDeclaresIsNeverMarkedForDeletion() {
        let listing = Lister.list(
            declared: [], live: ["site_x": .success([F.live("wh_1", "https://a.example.com/", ["goal"])]),
                                 "site_denied": .failure(.accessDenied(message: "Access denied", context: "listing webhooks of site site_denied"))],
            secrets: .empty)
        #expect(listing.sites.map(\.siteId) == ["site_denied", "site_x"])
        #expect(listing.sites[0].error?.contains("Access denied") == true)
        #expect(listing.sites[1].file == nil && listing.sites[1].prune == nil)
        #expect(listing.sites[1].webhooks.map(\.state) == [.unmanaged])
        #expect(listing.sites[1].webhooks[0].deletedByNextApply == false)
        #expect(listing.summary.failedSites == 1)
    }

    @Test func textIsAlignedSanitisedAndJSONHasEveryKey() {
        let live = [F.live("wh_1", "https://a.example.com/\u{1B}[2Kx", ["goal"], createdAt: 0)]
        let listing = Lister.list(declared: [], live: ["site_x": .success(live)], secrets: .empty)
        let text = ListTextRenderer.render(listing)
        #expect(text == """
            SITE    ID    NAME  STATE      ACTIVE  EVENTS  CREATED           LAST TRIGGERED  URL
            site_x  wh_1  -     unmanaged  yes     goal    1970-01-01 00:00  never           https://a.example.com/\\u001b[2Kx

            1 webhook on 1 site: 0 managed, 0 adopted, 0 unknown, 1 unmanaged.

            """)
        let json = ListJSONRenderer.render(listing)
        for key in ["\"name\" : null", "\"lastTriggered\" : null", "\"file\" : null", "\"error\" : null", "\"state\" : \"unmanaged\""] {
            #expect(json.contains(key), "\(key)")
        }
    }
}
