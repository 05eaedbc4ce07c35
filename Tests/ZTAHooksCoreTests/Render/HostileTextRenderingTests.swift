import Foundation
import Testing
@testable import ZTAHooksCore

/// Strings from the API and from file names that try to redraw a terminal, through every renderer.
///
/// A webhook whose URL carries `ESC [2K`, CR and LF once erased the "- delete" line of a plan and
/// drew a fake "+ create" in its place. These fail on renderers that print such text raw.
struct HostileTextRenderingTests {
    static let attack = "\u{1B}[2K\r\n+ create fake"
    static let url = "https://evil.example.com/\(attack)"
    static let id = "wh_\u{7}\u{9B}2K\u{202E}"
    static let event = "goal\r\u{1B}]0;owned\u{7}"
    static let file = "sites/\u{1B}[31mshop\u{85}.yaml"

    static let plan: Plan = {
        let delete = PlannedAction.delete(DeleteAction(name: nil, url: url, events: [event],
                                                       reasons: [Reason.duplicate(of: id), Reason.notDeclared(in: file)], id: id))
        let replace = PlannedAction.replace(ReplaceAction(name: "goals", url: url, events: [.goal], reasons: ["events changed"],
                                                          id: id, currentEvents: [event], order: .deleteThenCreate))
        let create = PlannedAction.create(CreateAction(name: "fresh", url: url, events: [.goal], reasons: ["not live"]))
        let unmanaged = LiveSummary(LiveWebhook(id: id, url: url, events: [event]))
        let shop = SitePlan(siteId: "site_shop", file: file, prune: true, actions: [delete, replace, create],
                            unchanged: [UnchangedWebhook(name: "kept", id: id, url: url, events: [event], flags: ["secret unknown \(attack)"])],
                            unmanaged: [unmanaged], notes: ["note \(attack)"])
        let failed = SitePlan(siteId: "site_fail", file: file, prune: true, error: "listing webhooks of site site_fail: \(attack)")
        return Plan(sites: [shop, failed])
    }()

    /// No byte or scalar that can move the cursor, ring, recolour or reorder.
    static func expectInert(_ output: String, allowingSGR: Bool = false, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        var text = output
        if allowingSGR {
            for code in ["1", "2", "31", "32", "33", "0"] { text = text.replacingOccurrences(of: "\u{1B}[\(code)m", with: "") }
        }
        #expect(!text.utf8.contains(0x1B), "raw ESC", sourceLocation: sourceLocation)
        #expect(!text.utf8.contains(0x07), "raw BEL", sourceLocation: sourceLocation)
        #expect(!text.utf8.contains(0x0D), "raw CR", sourceLocation: sourceLocation)
        #expect(!text.unicodeScalars.contains("\u{9B}"), "raw CSI (U+009B)", sourceLocation: sourceLocation)
        #expect(!text.unicodeScalars.contains("\u{85}"), "raw NEL (U+0085)", sourceLocation: sourceLocation)
        #expect(!text.unicodeScalars.contains("\u{202E}"), "raw right-to-left override", sourceLocation: sourceLocation)
        #expect(!text.split(separator: "\n").contains { $0.trimmingPrefix(while: { $0 == " " || $0 == "#" }).hasPrefix("+ create fake") },
                "a forged line", sourceLocation: sourceLocation)
        #expect(text.contains(#"\u001b[2K\u000d\u000a+ create fake"#), "the escaped attack is shown", sourceLocation: sourceLocation)
    }

    @Test func textPlanShowsHostileStringsEscaped() {
        let text = PlanTextRenderer.render(Self.plan)
        Self.expectInert(text)
        #expect(text.contains(#"- delete  wh_\u0007\u009b2K\u202e https://evil.example.com/\u001b[2K"#))
        #expect(text.contains(#"[goal\u000d\u001b]0;owned\u0007]"#))
        #expect(text.contains(#"site site_shop (sites/\u001b[31mshop\u0085.yaml)"#))
        #expect(text.contains(#"not declared in sites/\u001b[31mshop\u0085.yaml"#))
    }

    @Test func colouredTextPlanHasOnlyItsOwnEscapeSequences() {
        Self.expectInert(PlanTextRenderer.render(Self.plan, style: Style(enabled: true)), allowingSGR: true)
    }

    @Test func markdownPlanShowsHostileStringsEscapedInCellsSummariesAndFences() {
        let markdown = PlanMarkdownRenderer.render(Self.plan)
        Self.expectInert(markdown)
        #expect(markdown.contains(#"| `site_shop` | `sites/\u001b[31mshop\u0085.yaml` |"#))
        #expect(markdown.contains(#"(sites/\u001b[31mshop\u0085.yaml)</summary>"#))
        #expect(markdown.contains(#"# ~ unmanaged wh_\u0007\u009b2K\u202e https://evil.example.com/\u001b[2K"#))
    }

    @Test func markdownStillEscapesPipesBackticksFencesAndHTMLAfterSanitising() {
        let action = PlannedAction.create(CreateAction(name: "x", url: "https://e.example.com/```\u{1B}", events: [.goal], reasons: []))
        let site = SitePlan(siteId: "site_a", file: "a|b`<c>&\u{7}.yaml", prune: true, actions: [action])
        let markdown = PlanMarkdownRenderer.render(Plan(sites: [site]))
        #expect(markdown.contains(#"| `site_a` | `a\|bʼ<c>&\u0007.yaml` |"#))
        #expect(markdown.contains(#"(a|b`&lt;c&gt;&amp;\u0007.yaml)</summary>"#))
        #expect(markdown.contains(#"+ create  x https://e.example.com/ʼʼʼ\u001b [goal]"#))
    }

    @Test func jsonPlanEscapesControlCharactersAsJSONDoesAndKeepsTheBytes() throws {
        let json = PlanJSONRenderer.render(Self.plan)
        #expect(!json.utf8.contains(0x1B))
        #expect(!json.utf8.contains(0x07))
        #expect(!json.utf8.contains(0x0D))
        #expect(json.contains(#""url" : "https://evil.example.com/\u001b[2K\r\n+ create fake""#))
        #expect(json.contains(#""id" : "wh_\u0007"#))
        // The plan file is not a display: the values come back exactly as the API gave them.
        let decoded = try PlanJSONRenderer.decode(Data(json.utf8))
        #expect(decoded == Self.plan)
        #expect(decoded.sites[0].actions[0].url == Self.url)
    }

    @Test func validationTextAndGitHubShowFileNamesAndMessagesEscaped() {
        let diagnostic = Diagnostic.error("unknown event type '\(Self.event)'", at: ZTAHooksCore.SourceLocation(file: Self.file, line: 3, column: 5), hint: "did you mean 'goal'?")
        let result = SiteLoadResult(sites: [], diagnostics: [diagnostic], fileCount: 1, webhookCount: 0)
        let text = DiagnosticPrinter(format: .text).render(result.diagnostics, summary: result.summary)
        #expect(text.hasPrefix(#"sites/\u001b[31mshop\u0085.yaml:3:5: error: unknown event type 'goal\u000d\u001b]0;owned\u0007'"#))
        let coloured = DiagnosticPrinter(format: .text, color: true).render(result.diagnostics, summary: result.summary)
        #expect(coloured.hasPrefix(#"sites/\u001b[31mshop\u0085.yaml:3:5: "# + "\u{1B}[31merror:\u{1B}[0m unknown event type"))
        let github = DiagnosticPrinter(format: .github).render(result.diagnostics, summary: result.summary)
        #expect(github.hasPrefix(#"::error file=sites/\u001b[31mshop\u0085.yaml,line=3,col=5::unknown event type 'goal\u000d\u001b]0;owned\u0007' (did you mean 'goal'?)"#))
        for output in [text, github] {
            #expect(!output.utf8.contains(0x1B) && !output.utf8.contains(0x07) && !output.utf8.contains(0x0D))
            #expect(!output.unicodeScalars.contains("\u{85}"))
        }
    }

    @Test func gitHubPropertiesEscapePercentColonAndCommaInThatOrder() {
        #expect(DiagnosticPrinter.escapeProperty("a%3A:b,c\r\n") == "a%253A%3Ab%2Cc%0D%0A")
        #expect(DiagnosticPrinter.escapeData("50%: a,b\r\n") == "50%25: a,b%0D%0A")
    }
}
