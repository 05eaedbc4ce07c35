import Foundation
import TestSupport
import Testing
@testable import ZTAHooksCore

/// A report with one of every finding kind, a failed site, an invalid file, unmanaged and adopted webhooks.
enum RichDrift {
    typealias F = DriftFixtures

    static let inputs: (sites: [SiteFile], live: [String: Planner.LiveState], secrets: SecretsSnapshot) = {
        let alpha = F.siteFile([
            F.declared("create-me", "create", [.pageview]),
            F.declared("gone", "gone", [.alert]),
            F.declared("goals", "goals", [.goal, .pageview]),
            F.declared("broken", "broken", [.alert]),
            F.declared("lost", "lost", [.alert]),
            F.declared("by-hand", "by-hand", [.alert]),
            F.declared("no-record", "no-record", [.alert]),
            F.declared("quiet", "quiet", [.alert]),
            F.declared("silent", "silent", [.alert]),
            F.declared("handoff", "handoff", [.alert]),
        ], site: "site_alpha", file: "sites/alpha.yaml")
        let alphaLive = [
            F.live("wh_goals", "goals", ["goal"]),
            F.live("wh_broken", "broken", ["alert"], active: false),
            F.live("wh_lost", "lost", ["alert"]),
            F.live("wh_hand", "by-hand", ["alert"]),
            F.live("wh_norec", "no-record", ["alert"]),
            F.live("wh_quiet", "quiet", ["alert"], quiet: 12),
            F.live("wh_silent", "silent", ["alert"], age: 40, quiet: nil),
            F.live("wh_removed", "removed", ["goal"]),
            F.live("wh_handoff", "handoff", ["alert"]),
            // A URL built to redraw a terminal line: it must come out escaped.
            F.live("wh_evil", "https://evil.example.net/c\u{1B}[2K\r- fake", ["pageview", "event"]),
        ]
        let alphaKnown = [
            F.known("wh_gone", "gone", "gone", site: "site_alpha"),
            F.known("wh_goals", "goals", "goals", events: ["goal"], site: "site_alpha"),
            F.known("wh_broken", "broken", "broken", site: "site_alpha"),
            F.known("wh_mine", "by-hand", "by-hand", site: "site_alpha"),
            F.known("wh_quiet", "quiet", "quiet", site: "site_alpha"),
            F.known("wh_silent", "silent", "silent", site: "site_alpha"),
            F.known("wh_removed", "removed", "removed", events: ["goal"], site: "site_alpha"),
            { var entry = F.known("wh_handoff", "handoff", "handoff", site: "site_alpha"); entry.handedOff = false; return entry }(),
        ]
        let gamma = F.siteFile([F.declared("crm", "crm", [.goal])], prune: false, site: "site_gamma", file: "sites/gamma.yaml")
        let gammaLive = [F.live("wh_crm", "crm", ["goal"]), F.live("wh_theirs", "theirs", ["session_end"])]
        let beta = F.siteFile([F.declared("ops", "ops", [.alert])], site: "site_beta", file: "sites/beta.yaml")
        return (
            sites: [alpha, beta, gamma],
            live: ["site_alpha": .success(alphaLive), "site_gamma": .success(gammaLive),
                   "site_beta": .failure(.accessDenied(message: "Access denied", context: "listing webhooks of site site_beta"))],
            secrets: SecretsSnapshot(
                entries: alphaKnown + [F.known("wh_crm", "crm", "crm", events: ["goal"], adopted: true, site: "site_gamma")],
                unresolvedIntents: [F.intent("lost", "lost", site: "site_alpha")]))
    }()

    static let invalidFiles = ["sites/broken.yaml"]

    static let report = DriftAnalyzer.analyze(sites: inputs.sites, live: inputs.live, secrets: inputs.secrets, now: F.now,
                                              staleAfter: 7 * 86_400, invalidFiles: invalidFiles)
}

struct DriftRenderingTests {
    @Test func theFixtureHasEveryKind() {
        let kinds = Set(RichDrift.report.sites.flatMap(\.findings).map(\.kind))
        #expect(kinds == Set(DriftFinding.Kind.allCases))
    }

    @Test func textMatchesGolden() {
        GoldenFile.expect(DriftTextRenderer.render(RichDrift.report), matches: "drift.txt")
    }

    @Test func colouredTextMatchesGolden() {
        GoldenFile.expect(DriftTextRenderer.render(RichDrift.report, style: Style(enabled: true)), matches: "drift-colour.txt")
    }

    @Test func markdownMatchesGolden() {
        GoldenFile.expect(DriftMarkdownRenderer.render(RichDrift.report), matches: "drift.md")
    }

    @Test func jsonMatchesGoldenAndReadsBack() throws {
        let json = DriftJSONRenderer.render(RichDrift.report)
        GoldenFile.expect(json, matches: "drift.json")
        #expect(try DriftJSONRenderer.decode(Data(json.utf8)) == RichDrift.report)
    }

    @Test func aReportStreamedAndNotKeptPrintsTheSameTextAndKeepsItsSummaryAndFailures() {
        let inputs = RichDrift.inputs
        let style = Style(enabled: true)
        var text = ""
        var handed: [SiteDrift] = []
        DriftTextRenderer.renderStart(invalidFiles: RichDrift.invalidFiles, style: style) { text += $0 }
        let (summary, failed) = DriftAnalyzer.analyze(sites: inputs.sites, live: inputs.live, secrets: inputs.secrets, now: DriftFixtures.now,
                                                      staleAfter: 7 * 86_400, invalidFiles: RichDrift.invalidFiles) { site in
            handed.append(site)
            DriftTextRenderer.renderSite(site, style: style) { text += $0 }
        }
        DriftTextRenderer.renderEnd(summary, style: style) { text += $0 }

        #expect(text == DriftTextRenderer.render(RichDrift.report, style: style))
        #expect(handed == RichDrift.report.sites)
        #expect(summary == RichDrift.report.summary)
        #expect(failed.map(\.siteId) == ["site_beta"])
    }

    @Test func noRenderingShowsASecretOrARawControlCharacter() {
        let outputs = [DriftTextRenderer.render(RichDrift.report), DriftTextRenderer.render(RichDrift.report, style: Style(enabled: true)),
                       DriftMarkdownRenderer.render(RichDrift.report), DriftJSONRenderer.render(RichDrift.report),
                       DriftMetricsRenderer.render(RichDrift.report, runAt: DriftFixtures.now),
                       String(decoding: DriftSlackMessage.payload(RichDrift.report), as: UTF8.self)]
        for output in outputs {
            #expect(!output.contains("whsec_"))
            #expect(!output.contains("\r"))
        }
        #expect(DriftTextRenderer.render(RichDrift.report).contains("https://evil.example.net/c\\u001b[2K\\u000d- fake"))
        #expect(!DriftMarkdownRenderer.render(RichDrift.report).contains("\u{1B}"))
    }

    @Test func cleanNeverSaysCleanWhenSomethingWasNotChecked() {
        let clean = DriftReport(generatedAt: "", staleAfterSeconds: nil,
                                sites: [SiteDrift(siteId: "site_a", file: "a.yaml", prune: true, live: 2, managed: 2)])
        #expect(DriftTextRenderer.render(clean) == "No drift: 1 site checked; 2 of 2 live webhooks managed (100%).\n")
        let partial = DriftReport(generatedAt: "", staleAfterSeconds: nil,
                                  sites: [SiteDrift(siteId: "site_a", file: "a.yaml", prune: true, live: 2, managed: 2),
                                          SiteDrift(siteId: "site_b", file: "b.yaml", prune: true, error: "listing failed")])
        let text = DriftTextRenderer.render(partial)
        #expect(text.hasSuffix("No drift found in what could be checked: 1 site checked, 1 could not be listed; 2 of 2 live webhooks managed (100%).\n"))
        #expect(!DriftMarkdownRenderer.render(partial).contains("**No drift.**"))
    }

    @Test func markdownCountsTheRowsItLeavesOut() {
        let markdown = DriftMarkdownRenderer.render(RichDrift.report, maxRows: 3)
        #expect(markdown.components(separatedBy: "| `site_alpha` |").count - 1 == 3)
        #expect(markdown.contains("**\(RichDrift.report.summary.findings - 3) more findings not shown.**"))
    }

    @Test func slackMessageIsShortEscapedJSON() throws {
        let payload = DriftSlackMessage.payload(RichDrift.report, maxLines: 2)
        let object = try JSONSerialization.jsonObject(with: Data(payload)) as? [String: String]
        let text = try #require(object?["text"])
        #expect(text.hasPrefix("*ztahooks drift*: 3 pending, 4 out of band, 5 health — 2 sites checked, 1 could not be listed, 1 invalid site file not checked\n"))
        #expect(text.contains("…and 10 more; see the drift report."))
        #expect(text.contains("• could not be listed: `site_beta`"))
        #expect(!text.contains("\u{1B}"))
    }

    /// Parses the metrics with Prometheus's own Python parser (`pip install prometheus_client`).
    @Test func metricsParseWithThePrometheusTextParser() async throws {
        let metrics = DriftMetricsRenderer.render(RichDrift.report, runAt: DriftFixtures.now)
        let script = """
            import sys
            from prometheus_client.parser import text_string_to_metric_families
            for family in text_string_to_metric_families(sys.stdin.read()):
                for s in family.samples:
                    labels = ",".join(f"{k}={v}" for k, v in sorted(s.labels.items()))
                    print(f"{family.type} {s.name} {labels} {s.value:g}")
            """
        let run = try await ChildProcess.run("python3", ["-c", script], stdin: Data(metrics.utf8))
        let parsed = run.stdout
        try #require(run.status == 0, "the parser refused the metrics (is prometheus_client installed?): \(run.stderr)")
        let lines = Set(parsed.split(separator: "\n").map(String.init))
        #expect(lines.contains("gauge ztahooks_drift_findings class=out-of-band,site=site_alpha 4"))
        #expect(lines.contains("gauge ztahooks_drift_findings class=pending,site=site_gamma 0"))
        #expect(!lines.contains { $0.contains("ztahooks_drift_findings") && $0.contains("site_beta") })
        #expect(lines.contains("gauge ztahooks_webhooks site=site_gamma,state=adopted 1"))
        #expect(lines.contains("gauge ztahooks_webhooks site=site_gamma,state=unmanaged 1"))
        #expect(lines.contains("gauge ztahooks_drift_site_up site=site_beta 0"))
        #expect(lines.contains("gauge ztahooks_drift_last_run_timestamp_seconds  1.74079e+09"))
        #expect(lines.contains("gauge ztahooks_drift_invalid_files  1"))
    }
}
