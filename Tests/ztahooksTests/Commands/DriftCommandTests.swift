import Foundation
import Testing
import ZTAHooksCore

/// `ztahooks drift` end to end: the built binary against the sandbox emulator (or `sim serve`),
/// with the emulator's state and the secrets file written by hand for each case.
struct DriftCommandTests {
    typealias W = DriftWorkspace
    static let hooks = "https://hooks.example.com"

    /// site_shop has one of nearly every finding; site_blog (prune: false) is adopted and has an
    /// unmanaged webhook; site_other is live and declared nowhere.
    static func everyKind() async throws -> DriftWorkspace {
        let shop = """
            site: site_shop
            webhooks:
              - {name: fresh, url: "\(hooks)/fresh", events: [session_end]}
              - {name: goals, url: "\(hooks)/goals", events: [goal, pageview]}
              - {name: gone, url: "\(hooks)/gone", events: [alert]}
              - {name: by-hand, url: "\(hooks)/by-hand", events: [alert]}
              - {name: broken, url: "\(hooks)/broken", events: [alert]}
              - {name: lost, url: "\(hooks)/lost", events: [alert]}

            """
        let blog = """
            site: site_blog
            prune: false
            webhooks:
              - {name: posts, url: "\(hooks)/posts", events: [pageview]}

            """
        return try DriftWorkspace(
            sites: ["shop": shop, "blog": blog],
            live: [
                W.live("site_shop", "wh_goals", "\(hooks)/goals", ["goal"]),
                W.live("site_shop", "wh_hand", "\(hooks)/by-hand", ["alert"]),
                W.live("site_shop", "wh_broken", "\(hooks)/broken", ["alert"], active: false),
                W.live("site_shop", "wh_lost", "\(hooks)/lost", ["alert"]),
                W.live("site_shop", "wh_removed", "\(hooks)/removed", ["goal"]),
                W.live("site_shop", "wh_evil", "https://collector.evil.example/zta", ["pageview", "event"]),
                W.live("site_blog", "wh_posts", "\(hooks)/posts", ["pageview"]),
                W.live("site_blog", "wh_theirs", "https://theirs.example.com/zta", ["goal"]),
                W.live("site_other", "wh_other", "https://other.example.com/zta", ["goal"]),
            ],
            known: [
                W.known("site_shop", "goals", "wh_goals", "\(hooks)/goals", ["goal"]),
                W.known("site_shop", "gone", "wh_gone", "\(hooks)/gone", ["alert"]),
                W.known("site_shop", "by-hand", "wh_mine", "\(hooks)/by-hand", ["alert"]),
                W.known("site_shop", "broken", "wh_broken", "\(hooks)/broken", ["alert"]),
                W.known("site_shop", "removed", "wh_removed", "\(hooks)/removed", ["goal"]),
                W.known("site_blog", "posts", "wh_posts", "\(hooks)/posts", ["pageview"], adopted: true),
            ],
            pendingCreates: [
                """
                {"intentId": "i1", "siteId": "site_shop", "name": "lost", "url": "\(hooks)/lost", "events": ["alert"],
                 "startedAt": "2025-01-02T00:00:00.000Z"}
                """,
            ])
    }

    @Test func everyFindingKindWithItsClassInJSONAndExitTwo() async throws {
        let workspace = try await Self.everyKind()
        defer { workspace.remove() }
        let stateBefore = try workspace.read(".ztahooks/sandbox.json")
        let secretsBefore = try workspace.read(".ztahooks/sandbox-secrets.json")
        let result = try await workspace.run(["drift", "--sandbox", "--format", "json", "sites"])
        #expect(result.exitCode == 2)
        #expect(result.stderr == "")
        let report = try DriftJSONRenderer.decode(Data(result.stdout.utf8))
        #expect(report.formatVersion == 1)
        #expect(report.sites.map(\.siteId) == ["site_blog", "site_shop"])
        let shop = report.sites[1]
        let kinds = shop.findings.map { "\($0.findingClass.rawValue)/\($0.kind.rawValue)/\($0.id ?? "-")" }
        #expect(kinds == ["pending/create/-", "pending/replace/wh_goals", "out-of-band/deleted/wh_gone", "out-of-band/replaced/wh_hand",
                          "health/disabled/wh_broken", "health/secret-lost/wh_lost", "pending/delete/wh_removed", "out-of-band/added/wh_evil"])
        let added = shop.findings[7]
        #expect(added.url == "https://collector.evil.example/zta" && added.events == ["pageview", "event"])
        let blog = report.sites[0]
        #expect(blog.findings.isEmpty)
        #expect(blog.adopted.map(\.id) == ["wh_posts"])
        #expect(blog.unmanaged.map(\.id) == ["wh_theirs"])
        let s = report.summary
        let counts: [Int] = [s.pending, s.outOfBand, s.health, s.liveWebhooks, s.managedWebhooks]
        #expect(counts == [3, 3, 2, 8, 5])
        // Sites nobody declared are never mentioned; nothing changed live or on disk.
        #expect(!result.stdout.contains("site_other"))
        #expect(try workspace.read(".ztahooks/sandbox.json") == stateBefore)
        #expect(try workspace.read(".ztahooks/sandbox-secrets.json") == secretsBefore)
    }

    @Test func textGivesOneLinePerFindingWithWhatToRun() async throws {
        let workspace = try await Self.everyKind()
        defer { workspace.remove() }
        let result = try await workspace.run(["drift", "--sandbox", "sites"])
        #expect(result.exitCode == 2)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("  out-of-band added           wh_evil https://collector.evil.example/zta [pageview, event]: "
            + "neither sites/shop.yaml nor the secrets file knows it: an unknown receiver of this site's analytics → find out who "
            + "created it; if it belongs, declare it and run `ztahooks import --site site_shop`; otherwise run `ztahooks apply` (it deletes it)"))
        #expect(lines.contains { $0.hasPrefix("  out-of-band replaced        by-hand (wh_hand)") && $0.hasSuffix("`ztahooks rotate site_shop/by-hand` to replace it with one whose secret ztahooks holds") })
        #expect(lines.contains { $0.hasPrefix("  health      disabled        broken (wh_broken)") && $0.contains("fix the receiver") })
        #expect(lines.last == "Drift: 3 pending, 3 out of band, 2 health: 2 sites checked; 5 of 8 live webhooks managed (62.5%), 1 adopted, 1 unmanaged.")
        #expect(!result.stdout.contains("\u{1B}["))
    }

    @Test func staleAfterFlagsQuietWebhooks() async throws {
        let site = """
            site: site_shop
            webhooks:
              - {name: quiet, url: "\(Self.hooks)/quiet", events: [alert]}
              - {name: silent, url: "\(Self.hooks)/silent", events: [alert]}
              - {name: busy, url: "\(Self.hooks)/busy", events: [alert]}

            """
        let workspace = try DriftWorkspace(
            sites: ["shop": site],
            live: [W.live("site_shop", "wh_quiet", "\(Self.hooks)/quiet", ["alert"], lastTriggered: "2025-01-02T00:00:00.000Z"),
                   W.live("site_shop", "wh_silent", "\(Self.hooks)/silent", ["alert"]),
                   W.live("site_shop", "wh_busy", "\(Self.hooks)/busy", ["alert"], lastTriggered: Timestamp.format(Date()))],
            known: ["quiet", "silent", "busy"].map { W.known("site_shop", $0, "wh_\($0)", "\(Self.hooks)/\($0)", ["alert"]) })
        defer { workspace.remove() }
        #expect(try await workspace.run(["drift", "--sandbox", "sites"]).exitCode == 0)
        let result = try await workspace.run(["drift", "--sandbox", "--stale-after", "30d", "--format", "json", "sites"])
        #expect(result.exitCode == 2)
        let report = try DriftJSONRenderer.decode(Data(result.stdout.utf8))
        #expect(report.sites[0].findings.map(\.kind) == [.stale, .neverTriggered])
        #expect(report.staleAfterSeconds == 30 * 86_400)
    }

    @Test func cleanRightAfterApplyAndAgainAfterAHealingApply() async throws {
        let site = """
            site: site_shop
            webhooks:
              - {name: ops, url: "\(Self.hooks)/ops", events: [alert]}
              - {name: goals, url: "\(Self.hooks)/goals", events: [goal]}

            """
        let workspace = try DriftWorkspace(sites: ["shop": site], live: [], known: [])
        defer { workspace.remove() }
        #expect(try await workspace.run(["drift", "--sandbox", "sites"]).exitCode == 2)
        #expect(try await workspace.run(["apply", "--sandbox", "--auto-approve", "sites"]).exitCode == 0)
        let clean = try await workspace.run(["drift", "--sandbox", "sites"])
        #expect(clean.exitCode == 0)
        #expect(clean.stdout == "No drift: 1 site checked; 2 of 2 live webhooks managed (100%).\n")
        let quiet = try await workspace.run(["drift", "--sandbox", "--quiet", "sites"])
        #expect(quiet.exitCode == 0 && quiet.stdout == "" && quiet.stderr == "")

        // ZTA disables one webhook and someone adds a receiver by hand.
        let stateURL = workspace.root.appendingPathComponent(".ztahooks/sandbox.json")
        var state = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: stateURL)) as? [String: Any])
        var webhooks = try #require(state["webhooks"] as? [[String: Any]])
        webhooks[0]["active"] = false
        webhooks.append(["siteId": "site_shop", "id": "wh_intruder", "url": "https://intruder.example.net/x", "events": ["pageview"],
                         "secret": "whsec_intruder", "active": true, "createdAt": "2025-01-01T00:00:00.000Z"])
        state["webhooks"] = webhooks
        try JSONSerialization.data(withJSONObject: state).write(to: stateURL)
        let drifted = try await workspace.run(["drift", "--sandbox", "--format", "json", "sites"])
        #expect(drifted.exitCode == 2)
        let report = try DriftJSONRenderer.decode(Data(drifted.stdout.utf8))
        #expect(Set(report.sites[0].findings.map(\.kind)) == [.disabled, .added])

        #expect(try await workspace.run(["apply", "--sandbox", "--auto-approve", "sites"]).exitCode == 0)
        #expect(try await workspace.run(["drift", "--sandbox", "--quiet", "sites"]).exitCode == 0)
    }

    @Test func aSiteThatCannotBeListedIsAnErrorAndTheOthersAreReported() async throws {
        let workspace = try await Self.everyKind()
        defer { workspace.remove() }
        // The token owns site_shop only; list answers carry secrets, as the API document's example does.
        let state = workspace.root.appendingPathComponent(".ztahooks/sandbox.json")
        let (sim, port) = try await BackgroundProcess.server(["sim", "serve", "--port", "0", "--state", state.path, "--quiet",
                                                        "--token", "tok_drift_ci:site_shop", "--list-includes-secrets"])
        defer { sim.stop() }
        let url = "http://127.0.0.1:\(port)"
        let result = try await workspace.run(["drift", "--api-url", url, "--secrets-file", ".ztahooks/sandbox-secrets.json", "sites"],
                                       environment: ["ZTA_API_TOKEN": "tok_drift_ci"])
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains("site site_blog (sites/blog.yaml)\n  ✗ error: could not be listed, not checked: "))
        #expect(result.stdout.contains("out-of-band added           wh_evil"))
        #expect(result.stdout.contains(": 1 site checked, 1 could not be listed; "))
        #expect(result.stderr.contains("error: site site_blog (sites/blog.yaml) could not be listed: "))
        #expect(!(result.stdout + result.stderr).contains("tok_drift_ci"))
    }

    @Test func anInvalidSiteFileIsNamedAndTheRunExitsOne() async throws {
        let workspace = try await Self.everyKind()
        defer { workspace.remove() }
        try workspace.write("sites/bad.yaml", "site: [\n")
        let result = try await workspace.run(["drift", "--sandbox", "--format", "markdown", "sites"])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("sites/bad.yaml:"))
        #expect(result.stdout.contains("- ⚠️ not checked: `sites/bad.yaml` is not a valid site file"))
        #expect(result.stdout.contains("2 sites checked, 1 invalid site file not checked"))
    }

    @Test func reportMetricsAndJobSummaryAreWrittenWhateverTheFormat() async throws {
        let workspace = try await Self.everyKind()
        defer { workspace.remove() }
        try workspace.write("summary.md", "earlier step\n")
        let result = try await workspace.run(["drift", "--sandbox", "--report", "drift.json", "--metrics", "drift.prom", "sites"],
                                       environment: ["GITHUB_STEP_SUMMARY": workspace.root.appendingPathComponent("summary.md").path])
        #expect(result.exitCode == 2)
        #expect(result.stdout.hasPrefix("site site_blog (sites/blog.yaml)\n  ~ unmanaged wh_theirs"))
        let report = try DriftJSONRenderer.decode(Data(workspace.read("drift.json").utf8))
        #expect(report.summary.findings == 8)
        let metrics = try workspace.read("drift.prom")
        #expect(metrics.contains("ztahooks_drift_findings{class=\"out-of-band\",site=\"site_shop\"} 3\n"))
        #expect(metrics.contains("ztahooks_webhooks{site=\"site_blog\",state=\"unmanaged\"} 1\n"))
        #expect(metrics.contains("ztahooks_drift_last_run_timestamp_seconds "))
        let summary = try workspace.read("summary.md")
        #expect(summary.hasPrefix("earlier step\n### ztahooks drift\n\n**3 pending · 3 out of band · 2 health**"))
        // Written atomically: no temporary file left beside them.
        let files = try FileManager.default.contentsOfDirectory(atPath: workspace.root.path)
        #expect(!files.contains { $0.hasSuffix(".tmp") })
        for text in [try workspace.read("drift.json"), metrics, summary] { #expect(!text.contains("whsec_")) }
    }

    @Test func slackGetsASummaryWhenThereAreFindingsAndNeverSeesItsURLPrinted() async throws {
        let workspace = try await Self.everyKind()
        defer { workspace.remove() }
        let log = workspace.root.appendingPathComponent("slack.log")
        let (receiver, port) = try await BackgroundProcess.receiver(log: log)
        defer { receiver.stop() }
        let hook = "http://127.0.0.1:\(port)/services/T000/B000/slacksecret"
        let result = try await workspace.run(["drift", "--sandbox", "--notify-slack", hook, "sites"])
        #expect(result.exitCode == 2)
        let posted = try workspace.read("slack.log")
        #expect(posted.hasPrefix("/services/T000/B000/slacksecret {\"text\":\"*ztahooks drift*: 3 pending, 3 out of band, 2 health"))
        #expect(posted.contains("out-of-band added: wh_evil https://collector.evil.example/zta [pageview, event]"))
        #expect(!posted.contains("whsec_"))
        #expect(!(result.stdout + result.stderr).contains("slacksecret"))
    }

    @Test func aFailedSlackPostIsAWarningAndKeepsTheExitCode() async throws {
        let workspace = try await Self.everyKind()
        defer { workspace.remove() }
        let log = workspace.root.appendingPathComponent("slack.log")
        let (receiver, port) = try await BackgroundProcess.receiver(log: log, status: 500)
        defer { receiver.stop() }
        let env = ["ZTAHOOKS_SLACK_WEBHOOK_URL": "http://127.0.0.1:\(port)/services/T000/B000/slacksecret"]
        let result = try await workspace.run(["drift", "--sandbox", "sites"], environment: env)
        #expect(result.exitCode == 2)
        #expect(result.stderr == "warning: the Slack notification was not delivered: HTTP 500\n")
        #expect(!(result.stdout + result.stderr).contains("slacksecret"))
    }

    @Test func nothingIsPostedWhenClean() async throws {
        let site = "site: site_shop\nwebhooks:\n  - {name: ops, url: \"\(Self.hooks)/ops\", events: [alert]}\n"
        let workspace = try DriftWorkspace(sites: ["shop": site], live: [W.live("site_shop", "wh_ops", "\(Self.hooks)/ops", ["alert"])],
                                           known: [W.known("site_shop", "ops", "wh_ops", "\(Self.hooks)/ops", ["alert"])])
        defer { workspace.remove() }
        let log = workspace.root.appendingPathComponent("slack.log")
        let (receiver, port) = try await BackgroundProcess.receiver(log: log)
        defer { receiver.stop() }
        let result = try await workspace.run(["drift", "--sandbox", "--notify-slack", "http://127.0.0.1:\(port)/hook", "sites"])
        #expect(result.exitCode == 0)
        #expect(!FileManager.default.fileExists(atPath: log.path))
    }

    @Test(arguments: [
        ["--stale-after", "7"], ["--stale-after", "0s"], ["--format", "yaml"],
        ["--notify-slack", "http://hooks.slack.example/services/slacksecret"], ["--notify-slack", "ftp://x/slacksecret"],
    ])
    func badUsageExits64WithoutEchoingTheSlackURL(_ args: [String]) async throws {
        let workspace = try await Self.everyKind()
        defer { workspace.remove() }
        let result = try await workspace.run(["drift", "--sandbox"] + args + ["sites"])
        #expect(result.exitCode == 64)
        #expect(!result.stderr.contains("slacksecret"))
    }
}
