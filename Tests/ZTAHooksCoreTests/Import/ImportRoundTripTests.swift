import Foundation
import Testing
@testable import ZTAHooksCore

/// Whatever the live URLs, the written file loads back with no diagnostics and the same content,
/// and a plan right after the import changes nothing.
struct ImportRoundTripTests {
    typealias F = PlanFixtures

    static let oddButValid = [
        "https://hooks.example.com:8443/zta",
        "https://hooks.example.com/zta?team=growth&kind=a,b;c=1",
        "https://hooks.example.com/a:",
        "https://hooks.example.com/it's/(here)/*!$+=@~",
        "https://[::1]:8443/x",
        "https://hooks.example.com/%E4%BE%8B/%20",
        "https://hooks.example.com/true",
        "https://hooks.example.com/null?yes",
        "https://hooks.example.com/123",
        "https://HOOKS.example.com/x/[y]",
        "https://hooks.example.com/" + String(repeating: "very-long-path/", count: 300),
        "https://xn--r8jz45g.jp/unicode-host-in-punycode",
    ]

    static let undeclarable = [
        "http://hooks.example.com/old",
        "https://user:pass@hooks.example.com/x",
        "https://hooks.example.com/x#frag",
        "https://例え.jp/unicode",
        "https://hooks.example.com/a b",
        "https://hooks.example.com/x\n  - name: injected\u{1B}[2K",
        "https://hooks.example.com/\u{2028}\u{85}\u{FEFF}\u{202E}",
        "ftp://hooks.example.com/x",
    ]

    @Test func oddURLsRoundTripAndUndeclarableOnesAreCommentedOut() {
        let valid = Self.oddButValid.enumerated().map { F.live("wh_v\($0.offset)", $0.element, ["goal", "pageview"], createdAt: Double($0.offset)) }
        let invalid = Self.undeclarable.enumerated().map { F.live("wh_x\($0.offset)", $0.element, ["goal"]) }
        // Ten per site is the API's cap: split the valid ones over two sites.
        for chunk in [Array(valid.prefix(6)), Array(valid.dropFirst(6))] {
            let imported = SiteImporter.importSite("site_odd", live: chunk + invalid, secrets: .empty)
            #expect(imported.excluded.map(\.id).sorted() == invalid.map(\.id).sorted())
            let text = SiteFileWriter.render(imported)
            #expect(!text.contains("\u{1B}"))
            #expect(!text.contains("\n  - name: injected"))
            expectRoundTrip(imported, text: text)
        }
    }

    /// A property over random URLs built from every character a URL may carry.
    @Test func randomURLsRoundTrip() {
        var generator = SeededLCG(seed: 42)
        let alphabet = "a b c X Y Z 0 1 9 - . _ ~ : / ? @ ! $ & ' ( ) * + , ; = %2F %e4 [ ]".split(separator: " ").map(String.init)
        var declared = 0
        for round in 0..<200 {
            let webhooks = (0..<3).map { index in
                let length = Int(generator.next() % 40)
                let path = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
                return F.live("wh_\(round)_\(index)", "https://h\(index).example.com/" + path, ["alert"], createdAt: Double(index))
            }
            let imported = SiteImporter.importSite("site_random", live: webhooks, secrets: .empty)
            expectRoundTrip(imported, text: SiteFileWriter.render(imported))
            declared += imported.webhooks.count
        }
        // The property says something only if most random URLs are declarable.
        #expect(declared > 300)
    }

    @Test func keepsWhatThePlannerKeepsAndThePlanAfterIsEmpty() throws {
        let live = [
            // Disabled and oldest: the planner keeps the active one.
            F.live("wh_old", "https://hooks.example.com/a", ["goal"], active: false, createdAt: 1),
            F.live("wh_new", "https://HOOKS.example.com:443/a", ["goal", "alert"], createdAt: 2),
            F.live("wh_known", "https://hooks.example.com/b", ["event"], createdAt: 5),
            F.live("wh_copy", "https://hooks.example.com/b", ["event"], createdAt: 3),
            F.live("wh_off", "https://hooks.example.com/c", ["session_end"], active: false, createdAt: 4),
        ]
        let secrets = SecretsSnapshot(entries: [
            F.known("wh_known", "billing", "https://hooks.example.com/b", description: "Billing events"),
        ])
        let imported = SiteImporter.importSite(F.site, live: live, secrets: secrets)
        #expect(imported.webhooks.map(\.id) == ["wh_new", "wh_off", "wh_known"])
        #expect(imported.webhooks.map(\.name) == ["a", "c", "billing"])
        #expect(imported.webhooks.map(\.duplicateIds) == [["wh_old"], [], ["wh_copy"]])
        #expect(imported.webhooks[0].events == [.goal, .alert])
        #expect(imported.webhooks[2].description == "Billing events")
        // The known secret is kept; the others are adopted with their creation time.
        #expect(imported.adoptions.map(\.id) == ["wh_new", "wh_off"])
        #expect(imported.adoptions.allSatisfy { $0.secret == nil && $0.adopted == true })
        #expect(imported.adoptions[0].createdAt == "1970-01-01T00:00:02.000Z")

        let text = SiteFileWriter.render(imported)
        #expect(text.contains("  # 1 more live webhook at this URL (wh_old): the next apply deletes it\n  - name: a\n"))
        #expect(text.contains("  # wh_off is disabled by ZTA (active: false): the next apply replaces it"))
        let site = try #require(SiteLoader.parse(path: "site.yaml", contents: Data(text.utf8)).site)
        var state = SecretsState(secrets)
        for entry in imported.adoptions { state.apply(.adopted(entry)) }
        let plan = Planner.planSite(site, live: .success(live), secrets: state.snapshot)
        #expect(plan.actions.map(\.kind) == [.delete, .delete, .replace])
        #expect(Set(plan.actions.compactMap(\.liveID)) == ["wh_old", "wh_copy", "wh_off"])
        #expect(plan.unchanged.map(\.id) == ["wh_new", "wh_known"])
        #expect(plan.notes.isEmpty)
    }

    private func expectRoundTrip(_ imported: ImportedSite, text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let parsed = SiteLoader.parse(path: "site.yaml", contents: Data(text.utf8))
        // A site whose every webhook was left out is `webhooks: []`, which validate warns about.
        let expectedWarnings = imported.webhooks.isEmpty ? ["no webhooks declared: apply will delete every live webhook of this site and needs --allow-empty"] : []
        #expect(parsed.diagnostics.map(\.message) == expectedWarnings, "\(parsed.diagnostics)\n\(text)", sourceLocation: sourceLocation)
        let webhooks = parsed.site?.webhooks.map { [$0.name, $0.url, $0.events.map(\.rawValue).joined(separator: ","), $0.description ?? ""] }
        let expected = imported.webhooks.map { [$0.name, $0.url, $0.events.map(\.rawValue).joined(separator: ","), $0.description ?? ""] }
        #expect(webhooks == expected, sourceLocation: sourceLocation)
        #expect(parsed.site?.prune == true && parsed.site?.site == imported.siteId, sourceLocation: sourceLocation)
    }
}

/// A linear congruential generator (Knuth's MMIX constants): seeded, so a failing case replays.
struct SeededLCG {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 33
    }
}
