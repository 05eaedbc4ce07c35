import Foundation
import Testing
@testable import ZTAHooksCore

/// What a reviewer sees when a plan is too long for one pull-request comment.
struct PlanMarkdownTruncationTests {
    typealias F = PlanFixtures

    static func id(_ index: Int) -> String { String(format: "site_%04d", index) }

    /// Sites 0..<creating each create ten webhooks; the last `deleting` sites each delete nine.
    static func plan(creating: Int, deleting: Int) -> Plan {
        var sites: [SiteFile] = []
        var live: [String: Planner.LiveState] = [:]
        for index in 0..<creating {
            let site = id(index)
            sites.append(RichPlan.file("sites/\(site).yaml", site, (0..<10).map {
                F.declared("hook-\($0)", "https://hooks.example.com/\(site)/\($0)", [.pageview])
            }))
            live[site] = .success([])
        }
        for index in creating..<(creating + deleting) {
            let site = id(index)
            sites.append(RichPlan.file("sites/\(site).yaml", site, []))
            live[site] = .success((0..<9).map { F.live("wh_\(site)_\($0)", "https://old.example.com/\(site)/\($0)", ["goal"]) })
        }
        return Planner.plan(sites: sites, live: live, secrets: .empty)
    }

    @Test func deletesAreKeptBeforeCreatesAndEveryCutSiteIsNamed() throws {
        let plan = Self.plan(creating: 200, deleting: 10)
        let markdown = PlanMarkdownRenderer.render(plan)
        #expect(markdown.utf8.count <= PlanMarkdownRenderer.gitHubCommentLimit)

        let lines = markdown.split(separator: "\n")
        // Every one of the 90 deletes, although their sites come after 2,000 creates.
        #expect(lines.count { $0.hasPrefix("- delete  wh_site_") } == 90)
        let creates = lines.count { $0.hasPrefix("+ create  ") }
        #expect(creates > 0 && creates < 2_000)

        let note = try #require(markdown.range(of: "> **Truncated**").map { String(markdown[$0.lowerBound...]) })
        for index in 0..<200 {
            let site = Self.id(index)
            let shown = lines.count { $0.hasPrefix("+ create  hook-") && $0.contains("/\(site)/") }
            if shown == 10 {
                #expect(!note.contains("`\(site)`"), "\(site) is whole but named as cut")
            } else {
                #expect(note.contains("`\(site)` (\(10 - shown) create\(10 - shown == 1 ? "" : "s"))"), "\(site) is cut but not named")
            }
        }
        for index in 200..<210 { #expect(!note.contains("`\(Self.id(index))`")) }
        #expect(note.hasSuffix(PlanMarkdownRenderer.defaultFullPlanHint + "\n"))
    }

    /// A cut section says, inside itself, what it is missing.
    @Test func aCutSectionSaysWhatItIsMissing() {
        let markdown = PlanMarkdownRenderer.render(Self.plan(creating: 200, deleting: 0))
        #expect(markdown.contains("# … not shown here: "))
    }

    /// 3,000 "secret unknown" flags come first in site order; the one replace at the end still shows.
    @Test func webhooksWithUnknownSecretsDoNotCrowdOutChanges() {
        var sites: [SiteFile] = []
        var live: [String: Planner.LiveState] = [:]
        for index in 0..<300 {
            let site = Self.id(index)
            let urls = (0..<10).map { "https://hooks.example.com/\(site)/\($0)" }
            sites.append(RichPlan.file("sites/\(site).yaml", site, urls.enumerated().map { F.declared("hook-\($0.offset)", $0.element, [.alert]) }))
            live[site] = .success(urls.enumerated().map { F.live("wh_\(site)_\($0.offset)", $0.element, ["alert"]) })
        }
        sites.append(RichPlan.file("sites/zz.yaml", "site_zz", [F.declared("last", "https://hooks.example.com/zz", [.goal])]))
        live["site_zz"] = .success([F.live("wh_zz", "https://hooks.example.com/zz", ["alert"])])
        let plan = Planner.plan(sites: sites, live: live, secrets: .empty)
        #expect(plan.sites.flatMap(\.unchanged).count { !$0.flags.isEmpty } == 3_000)

        let markdown = PlanMarkdownRenderer.render(plan)
        #expect(markdown.utf8.count <= PlanMarkdownRenderer.gitHubCommentLimit)
        #expect(markdown.contains("\n-/+ replace last (wh_zz) https://hooks.example.com/zz [alert] → [goal] [create-then-delete]\n"))
        #expect(markdown.contains("flags or notes)"))
    }

    @Test func theFullPlanHintCanBeSaidByTheCaller() {
        let hint = "The full text plan is in this job's log; plan.json is attached to the run."
        let markdown = PlanMarkdownRenderer.render(Self.plan(creating: 200, deleting: 0), fullPlanHint: hint)
        #expect(markdown.hasSuffix(". " + hint + "\n"))
    }

    /// A replace is written the same way in both formats, with the same explanations.
    @Test func replaceReadsTheSameInTextAndMarkdown() {
        let text = PlanTextRenderer.render(RichPlan.plan)
        let markdown = PlanMarkdownRenderer.render(RichPlan.plan)
        let replaces = RichPlan.plan.sites.flatMap(\.actions).filter { $0.kind == .replace }
        #expect(replaces.count == 4)
        for action in replaces {
            let line = PlanTextRenderer.actionLine(action, style: Style(enabled: false))
            #expect(text.contains("\n  \(line)\n"))
            #expect(markdown.contains("\n\(line)\n"))
            for explanation in PlanTextRenderer.explanations(action) {
                #expect(text.contains("\n        \(explanation)\n"))
                #expect(markdown.contains("\n#     \(explanation)\n"))
            }
        }
    }

    /// Every replace tells the reviewer a secret is minted and which receiver needs it.
    @Test func everyReplaceNamesTheReceiverThatNeedsTheNewSecret() {
        for action in RichPlan.plan.sites.flatMap(\.actions) {
            let says = PlanTextRenderer.explanations(action).contains { $0.hasPrefix("mints a new secret: the receiver at \(action.url) needs it") }
            #expect(says == (action.kind == .replace), "\(action.displayName)")
        }
        #expect(PlanMarkdownRenderer.render(RichPlan.plan).contains(" · 🔑 4 replaces mint a new secret its receiver must load\n"))
    }
}
