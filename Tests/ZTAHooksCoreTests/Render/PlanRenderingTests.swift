import Foundation
import Testing
@testable import ZTAHooksCore

/// A plan with one of everything a plan can say, built with the pure planner.
enum RichPlan {
    typealias F = PlanFixtures

    static let hooks = "https://hooks.example.com"

    /// Every secret the inputs hold; none may reach any rendering.
    static func secret(_ id: String) -> String { "whsec_render_\(id)_do_not_print" }

    static func known(_ id: String, _ name: String, _ url: String, site: String,
                      description: String? = nil, adopted: Bool = false) -> SecretEntry {
        SecretEntry(siteId: site, name: name, id: id, url: url, events: [], secret: adopted ? nil : secret(id),
                    createdAt: "2025-01-01T00:00:00.000Z", adopted: adopted ? true : nil, description: description)
    }

    static func file(_ path: String, _ site: String, prune: Bool = true, _ webhooks: [DeclaredWebhook]) -> SiteFile {
        SiteFile(path: path, site: site, prune: prune, webhooks: webhooks)
    }

    /// site_alpha: creates, replaces (events, disabled, lost in flight), duplicates, deletes with
    /// and without names, flags, a note. site_beta: at the cap, so its replace deletes first.
    /// site_delta: failed. site_gamma: prune false with an unmanaged webhook. site_omega: nothing to say.
    static let inputs: (sites: [SiteFile], live: [String: Planner.LiveState], secrets: SecretsSnapshot) = {
        let alpha = "site_alpha"
        let alphaFile = file("sites/alpha.yaml", alpha, [
            F.declared("ops-alerts", "\(hooks)/ops", [.pageview, .alert]),
            F.declared("billing", "\(hooks)/billing", [.goal]),
            F.declared("signups", "\(hooks)/signups", [.event]),
            F.declared("errors", "\(hooks)/errors", [.alert], description: "Errors to on-call"),
            F.declared("reports", "\(hooks)/reports", [.sessionEnd]),
            F.declared("imported", "\(hooks)/imported", [.goal]),
            F.declared("new-hook", "\(hooks)/new", [.pageview, .event], description: "Page views to the data lake"),
        ])
        let alphaLive = [
            F.live("wh_a01", "\(hooks)/ops", ["pageview", "goal"], createdAt: 1),
            F.live("wh_a02", "\(hooks)/billing", ["goal"], active: false, createdAt: 2),
            F.live("wh_a03", "\(hooks)/signups", ["event"], createdAt: 3),
            F.live("wh_a04", "\(hooks)/errors", ["alert"], createdAt: 4),
            F.live("wh_a05", "\(hooks)/errors", ["alert"], createdAt: 5),
            F.live("wh_a06", "\(hooks)/reports", ["session_end"], createdAt: 6),
            F.live("wh_a07", "\(hooks)/legacy", ["pageview"], createdAt: 7),
            F.live("wh_a08", "https://old.example.net/hook", ["goal"], createdAt: 8),
            F.live("wh_a09", "\(hooks)/imported", ["goal"], createdAt: 9),
            F.live("wh_a10", "\(hooks)/orphan", ["alert"], createdAt: 10),
        ]
        let alphaKnown = [
            known("wh_a01", "ops-alerts", "\(hooks)/ops", site: alpha),
            known("wh_a02", "billing", "\(hooks)/billing", site: alpha),
            known("wh_a04", "errors", "\(hooks)/errors", site: alpha, description: "Errors to the old pager"),
            known("wh_a07", "legacy", "\(hooks)/legacy", site: alpha),
            known("wh_a09", "imported", "\(hooks)/imported", site: alpha, adopted: true),
        ]
        let intents = [
            CreateIntent(intentId: "i1", siteId: alpha, name: "signups", url: "\(hooks)/signups", events: ["event"],
                         startedAt: "2025-01-02T00:00:00.000Z"),
            CreateIntent(intentId: "i2", siteId: alpha, name: "orphan", url: "\(hooks)/orphan", events: ["alert"],
                         startedAt: "2025-01-02T00:00:01.000Z"),
        ]

        let beta = "site_beta"
        var betaDeclared = (0..<10).map { F.declared("hook-\($0)", "\(hooks)/beta/\($0)", [.pageview]) }
        betaDeclared[3].events = [.pageview, .goal]
        let betaLive = (0..<10).map { F.live("wh_b\($0)", "\(hooks)/beta/\($0)", ["pageview"], createdAt: Double($0)) }
        let betaKnown = (0..<10).map { known("wh_b\($0)", "hook-\($0)", "\(hooks)/beta/\($0)", site: beta) }

        let gamma = "site_gamma"
        let gammaFile = file("sites/gamma.yaml", gamma, prune: false, [F.declared("main", "\(hooks)/gamma", [.alert])])
        let gammaLive = [
            F.live("wh_g1", "\(hooks)/gamma", ["alert"]),
            F.live("wh_g2", "https://elsewhere.example.org/zta", ["pageview", "goal"]),
        ]

        let omega = "site_omega"
        let omegaFile = file("sites/omega.yaml", omega, [F.declared("quiet", "\(hooks)/omega", [.goal])])

        let sites = [
            alphaFile,
            file("sites/beta.yaml", beta, betaDeclared),
            gammaFile,
            file("sites/delta.yaml", "site_delta", [F.declared("any", "\(hooks)/delta", [.alert])]),
            omegaFile,
        ]
        let live: [String: Planner.LiveState] = [
            alpha: .success(alphaLive),
            beta: .success(betaLive),
            gamma: .success(gammaLive),
            "site_delta": .failure(.accessDenied(message: "Access denied", context: "listing webhooks of site site_delta")),
            omega: .success([F.live("wh_o1", "\(hooks)/omega", ["goal"])]),
        ]
        let secrets = SecretsSnapshot(
            entries: alphaKnown + betaKnown + [
                known("wh_g1", "main", "\(hooks)/gamma", site: gamma),
                known("wh_o1", "quiet", "\(hooks)/omega", site: omega),
            ],
            unresolvedIntents: intents)
        return (sites, live, secrets)
    }()

    static let plan: Plan = {
        let files = inputs.sites.map { (path: $0.path, contents: Data("site: \($0.site)\n".utf8)) }
        return Planner.plan(sites: inputs.sites, live: inputs.live, secrets: inputs.secrets,
                            sourceChecksum: LiveFingerprint.ofSources(files))
    }()

    static var allSecrets: [String] { inputs.secrets.entries.compactMap(\.secret) }
}

struct PlanRenderingTests {
    // MARK: Golden files

    @Test func textWithoutColour() {
        GoldenFile.expect(PlanTextRenderer.render(RichPlan.plan, style: Style(enabled: false)), matches: "plan.txt")
    }

    @Test func textWithColour() {
        GoldenFile.expect(PlanTextRenderer.render(RichPlan.plan, style: Style(enabled: true)), matches: "plan-colour.txt")
    }

    @Test func markdown() {
        GoldenFile.expect(PlanMarkdownRenderer.render(RichPlan.plan), matches: "plan.md")
    }

    @Test func json() {
        GoldenFile.expect(PlanJSONRenderer.render(RichPlan.plan), matches: "plan.json")
    }

    @Test func textWithNoChanges() {
        let plan = Planner.plan(sites: [RichPlan.inputs.sites[4]], live: RichPlan.inputs.live, secrets: RichPlan.inputs.secrets)
        #expect(PlanTextRenderer.render(plan) == "No changes: live webhooks match the site files. 1 unchanged.\n")
        #expect(PlanMarkdownRenderer.render(plan)
            == "### ztahooks plan\n\n**No changes.** Live webhooks match the site files · 1 unchanged\n\n")
    }

    @Test func textStreamedASiteAtATimeIsTheSameText() {
        var pieces: [String] = []
        PlanTextRenderer.render(RichPlan.plan, style: Style(enabled: true)) { pieces.append($0) }

        #expect(pieces.joined() == PlanTextRenderer.render(RichPlan.plan, style: Style(enabled: true)))
        // One piece per site with something to say, then the summary line.
        let shown = RichPlan.plan.sites.filter { !PlanTextRenderer.siteLines($0, style: Style(enabled: true)).isEmpty }
        #expect(pieces.count == shown.count + 1)
        #expect(pieces.last?.contains("Plan: ") == true)
    }

    @Test func aPlanStreamedAndNotKeptPrintsTheSameTextAndKeepsItsCountsAndFailures() {
        let inputs = RichPlan.inputs
        var text = ""
        var handed: [SitePlan] = []
        let tally = Planner.plan(sites: inputs.sites, live: inputs.live, secrets: inputs.secrets) { site in
            handed.append(site)
            PlanTextRenderer.renderSite(site, style: Style(enabled: true)) { text += $0 }
        }
        PlanTextRenderer.renderEnd(tally, style: Style(enabled: true), invalidFiles: 2) { text += $0 }

        #expect(text == PlanTextRenderer.render(RichPlan.plan, style: Style(enabled: true), invalidFiles: 2))
        // Handed out in site order, each as the whole plan has it.
        #expect(handed == RichPlan.plan.sites)
        #expect(tally.summary == RichPlan.plan.summary)
        #expect(tally.siteCount == RichPlan.plan.sites.count)
        #expect(tally.failed.map(\.siteId) == ["site_delta"])
        #expect(tally.hasErrors && tally.hasChanges)
    }

    @Test func jsonWrittenASiteAtATimeIsTheJSONOfTheWholePlan() {
        let inputs = RichPlan.inputs
        let source = PlanSource(paths: ["sites", "odd \"sites\" : [ dir"], root: "/repo")
        // Every site, one, none; with and without the saved plan's fields.
        for count in [inputs.sites.count, 1, 0] {
            for (checksum, source) in [(String?.none, PlanSource?.none), ("sha256:abc", source)] {
                var whole = Planner.plan(sites: Array(inputs.sites.prefix(count)), live: inputs.live, secrets: inputs.secrets,
                                         sourceChecksum: checksum)
                whole.source = source
                var stream = PlanJSONRenderer.Stream(sourceChecksum: checksum, source: source)
                var text = stream.start()
                let tally = Planner.plan(sites: Array(inputs.sites.prefix(count)), live: inputs.live, secrets: inputs.secrets) { site in
                    text += stream.site(site)
                }
                text += stream.end(tally.summary)
                #expect(text == PlanJSONRenderer.render(whole), "\(count) sites, checksum \(checksum ?? "none")")
            }
        }
    }

    @Test func aStreamedPlanWithNothingToChangeSaysSo() {
        let inputs = RichPlan.inputs
        let tally = Planner.plan(sites: [inputs.sites[4]], live: inputs.live, secrets: inputs.secrets) { _ in }
        var text = ""
        PlanTextRenderer.renderEnd(tally) { text += $0 }
        #expect(text == "No changes: live webhooks match the site files. 1 unchanged.\n")
        #expect(!tally.hasChanges && !tally.hasErrors)
    }

    @Test func summaryCountedSiteBySiteIsTheSummaryOfTheWhole() {
        var summary = PlanSummary(sites: [])
        for site in RichPlan.plan.sites { summary.add(site) }
        #expect(summary == RichPlan.plan.summary)
    }

    // MARK: What the rich plan must contain (so that a re-record cannot quietly lose a case)

    @Test func richPlanCoversEveryCase() {
        let plan = RichPlan.plan
        #expect(plan.summary == decodeSummary(create: 1, replace: 4, delete: 4, unchanged: 14, unmanaged: 1, failedSites: 1))
        let alpha = plan.sites[0].actions
        #expect(alpha.map(\.kind) == [.delete, .delete, .delete, .delete, .replace, .replace, .replace, .create])
        #expect(alpha.compactMap(\.order) == [.createThenDelete, .createThenDelete, .createThenDelete])
        #expect(plan.sites[1].actions.map(\.order) == [.deleteThenCreate])
        #expect(plan.sites[2].error != nil)
        #expect(plan.sites[3].unmanaged.map(\.id) == ["wh_g2"])
        #expect(plan.sites[0].notes.count == 1)
        #expect(plan.sites[0].unchanged.filter { !$0.flags.isEmpty }.map(\.name) == ["reports", "imported"])
    }

    // MARK: Secrets

    @Test func noSecretInAnyRendering() {
        let renderings = [
            PlanTextRenderer.render(RichPlan.plan, style: Style(enabled: false)),
            PlanTextRenderer.render(RichPlan.plan, style: Style(enabled: true)),
            PlanMarkdownRenderer.render(RichPlan.plan),
            PlanJSONRenderer.render(RichPlan.plan),
            String(describing: RichPlan.plan),
        ]
        #expect(RichPlan.allSecrets.count == 16)
        for rendering in renderings {
            #expect(!rendering.contains("whsec_"))
            for secret in RichPlan.allSecrets {
                #expect(!rendering.contains(secret))
            }
        }
    }

    // MARK: JSON

    @Test func jsonRoundTrips() throws {
        let decoded = try PlanJSONRenderer.decode(Data(PlanJSONRenderer.render(RichPlan.plan).utf8))
        #expect(decoded == RichPlan.plan)
    }

    @Test func actionJSONMissingWhatItsCaseNeedsIsRefused() {
        let broken = [
            #"{"action":"replace","name":"a","url":"https://a.example.com/","events":["goal"],"reasons":[],"currentEvents":["goal"]}"#,
            #"{"action":"delete","url":"https://a.example.com/","events":["goal"],"reasons":[]}"#,
            #"{"action":"create","url":"https://a.example.com/","events":["goal"],"reasons":[]}"#,
            // What a plan creates was declared, so it can only carry event types this version knows.
            #"{"action":"create","name":"a","url":"https://a.example.com/","events":["goal","nope"],"reasons":[]}"#,
        ]
        for json in broken {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(PlannedAction.self, from: Data(json.utf8)) }
        }
    }

    @Test func liveEventsThisVersionDoesNotKnowSurviveAPlanFile() throws {
        let delete = PlannedAction.delete(DeleteAction(name: nil, url: "https://a.example.com/", events: ["goal", "future_event"],
                                                       reasons: ["not declared in a.yaml"], id: "wh_1"))
        let replace = PlannedAction.replace(ReplaceAction(name: "a", url: "https://b.example.com/", events: [.goal], reasons: [],
                                                          id: "wh_2", currentEvents: ["future_event"]))
        let encoded = try JSONEncoder().encode([delete, replace])
        #expect(try JSONDecoder().decode([PlannedAction].self, from: encoded) == [delete, replace])
    }

    @Test func jsonHasTheKeysTheProductContractFixes() throws {
        let data = Data(PlanJSONRenderer.render(RichPlan.plan).utf8)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(root["formatVersion"] as? Int == 1)
        let summary = try #require(root["summary"] as? [String: Any])
        #expect(summary["create"] as? Int == 1)
        #expect(summary["replace"] as? Int == 4)
        #expect(summary["delete"] as? Int == 4)
        #expect(summary["unchanged"] as? Int == 14)
        let sites = try #require(root["sites"] as? [[String: Any]])
        #expect(sites.compactMap { $0["siteId"] as? String } == ["site_alpha", "site_beta", "site_delta", "site_gamma", "site_omega"])
        let actions = try #require(sites[0]["actions"] as? [[String: Any]])
        #expect(actions.compactMap { $0["action"] as? String }
            == ["delete", "delete", "delete", "delete", "replace", "replace", "replace", "create"])
        let create = try #require(actions.last)
        #expect(create["name"] as? String == "new-hook")
        #expect(create["url"] as? String == "https://hooks.example.com/new")
        #expect(create["events"] as? [String] == ["pageview", "event"])
        #expect(create["reasons"] as? [String] == ["not live"])
        for action in actions {
            #expect(action["url"] is String)
            #expect(action["events"] is [String])
            #expect(action["reasons"] is [String])
        }
    }

    // MARK: Markdown size

    /// 3,000 sites × 10 creates is far over GitHub's comment limit: the renderer must stop in time
    /// and say what it left out.
    @Test func markdownOfAHugePlanStaysUnderTheCommentLimitAndSaysItWasTruncated() {
        let sites = (0..<3_000).map { index in
            let id = String(format: "site_%04d", index)
            return RichPlan.file("sites/\(id).yaml", id, (0..<10).map {
                PlanFixtures.declared("hook-\($0)", "https://hooks.example.com/\(id)/\($0)", [.pageview, .goal])
            })
        }
        let live = Dictionary(uniqueKeysWithValues: sites.map { ($0.site, Planner.LiveState.success([])) })
        let plan = Planner.plan(sites: sites, live: live, secrets: .empty)
        #expect(plan.summary.create == 30_000)

        let markdown = PlanMarkdownRenderer.render(plan)
        #expect(markdown.count < PlanMarkdownRenderer.gitHubCommentLimit)
        #expect(markdown.utf8.count < PlanMarkdownRenderer.gitHubCommentLimit)
        let shown = markdown.components(separatedBy: "<details>").count - 1
        #expect(shown > 0 && shown < 3_000)
        #expect(markdown.hasPrefix("### ztahooks plan\n\n**30000 to create, 0 to replace, 0 to delete** · 0 unchanged\n\n"))
        #expect(markdown.contains("\n> **Truncated** to stay under GitHub's 65536-character comment limit; "
            + "deletes and replaces are shown before creates, flags and notes. Not shown: `site_"))
        #expect(markdown.contains("` (10 creates), `site_2999` (10 creates)") || markdown.contains(" more sites. "))
        #expect(markdown.hasSuffix(". " + PlanMarkdownRenderer.defaultFullPlanHint + "\n"))
    }

    /// GitHub counts code points, and "⚠️" is two of them (one `Character` in Swift): a plan full
    /// of failed sites must still fit however the limit is counted.
    @Test func markdownOfManyFailedSitesFitsCountedInBytes() {
        let sites = (0..<3_000).map { index in
            let id = String(format: "site_%04d", index)
            return RichPlan.file("sites/\(id).yaml", id, [PlanFixtures.declared("hook", "https://hooks.example.com/\(id)", [.alert])])
        }
        let live = Dictionary(uniqueKeysWithValues: sites.map {
            ($0.site, Planner.LiveState.failure(.accessDenied(message: "Access denied", context: "listing webhooks of site \($0.site)")))
        })
        let markdown = PlanMarkdownRenderer.render(Planner.plan(sites: sites, live: live, secrets: .empty))
        #expect(markdown.unicodeScalars.count < PlanMarkdownRenderer.gitHubCommentLimit)
        #expect(markdown.utf8.count < PlanMarkdownRenderer.gitHubCommentLimit)
        #expect(markdown.contains("> **Truncated** to stay under"))
    }

    /// File paths are the user's: they must not break the table or the HTML summary.
    @Test func markdownEscapesFilePaths() {
        let file = RichPlan.file("sites/a|b<i>&`c`.yaml", "site_odd", [PlanFixtures.declared("x", "https://a.example.com/x", [.alert])])
        let markdown = PlanMarkdownRenderer.render(Planner.plan(sites: [file], live: ["site_odd": .success([])], secrets: .empty))
        #expect(markdown.contains("| `site_odd` | `sites/a\\|b<i>&ʼcʼ.yaml` | 1 | 0 | 0 | 0 |\n"))
        #expect(markdown.contains("<summary><code>site_odd</code> — 1 change (sites/a|b&lt;i&gt;&amp;`c`.yaml)</summary>"))
    }

    @Test func markdownThatFitsHasNoTruncationNote() {
        #expect(!PlanMarkdownRenderer.render(RichPlan.plan).contains("Truncated"))
    }

    private func decodeSummary(create: Int, replace: Int, delete: Int, unchanged: Int, unmanaged: Int, failedSites: Int) -> PlanSummary {
        var summary = PlanSummary(sites: [])
        (summary.create, summary.replace, summary.delete) = (create, replace, delete)
        (summary.unchanged, summary.unmanaged, summary.failedSites) = (unchanged, unmanaged, failedSites)
        return summary
    }
}
