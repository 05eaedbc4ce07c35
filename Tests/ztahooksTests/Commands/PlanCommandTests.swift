import Foundation
import Testing
import ZTAHooksCore

/// `ztahooks plan` end to end: the built binary, `--sandbox`, a temporary working directory.
///
/// Live state comes from a pre-written `.ztahooks/sandbox.json` (the emulator's state file), and
/// what ztahooks knows from `.ztahooks/sandbox-secrets.json`, so every case runs in one process
/// start, with no server to manage.
struct PlanCommandTests {
    /// A working directory with two sites:
    /// - site_shop: `ops-alerts` live and known (unchanged), `goals` live with fewer events
    ///   (replace), `fresh` not live (create), and a live webhook nobody declares (delete);
    /// - site_blog: one webhook, not live (create).
    struct Workspace {
        let root: URL

        static let shop = """
            site: site_shop
            webhooks:
              - name: ops-alerts
                url: https://hooks.example.com/zta/alerts
                events: [alert]
              - name: goals
                url: https://hooks.example.com/zta/goals
                events: [goal, pageview]
              - name: fresh
                url: https://hooks.example.com/zta/fresh
                events: [session_end]
                description: Session ends to the warehouse

            """

        static let blog = """
            site: site_blog
            webhooks:
              - name: posts
                url: https://hooks.example.com/blog
                events: [pageview]

            """

        /// The emulator's state: what the API lists, secrets included (the emulator keeps them).
        static let sandboxState = """
            {"version": 1, "webhooks": [
              {"siteId": "site_shop", "id": "wh_alerts", "url": "https://hooks.example.com/zta/alerts", "events": ["alert"],
               "secret": "whsec_sandbox_alerts", "active": true, "createdAt": "2025-01-01T00:00:00.000Z",
               "lastTriggered": null, "description": null},
              {"siteId": "site_shop", "id": "wh_goals", "url": "https://hooks.example.com/zta/goals", "events": ["goal"],
               "secret": "whsec_sandbox_goals", "active": true, "createdAt": "2025-01-01T00:00:01.000Z",
               "lastTriggered": null, "description": null},
              {"siteId": "site_shop", "id": "wh_stale", "url": "https://old.example.com/zta", "events": ["goal"],
               "secret": "whsec_sandbox_stale", "active": true, "createdAt": "2025-01-01T00:00:02.000Z",
               "lastTriggered": null, "description": null},
              {"siteId": "site_other", "id": "wh_other", "url": "https://other.example.com/zta", "events": ["goal"],
               "secret": "whsec_sandbox_other", "active": true, "createdAt": "2025-01-01T00:00:03.000Z",
               "lastTriggered": null, "description": null}
            ]}

            """

        /// What ztahooks knows: the secrets of the two shop webhooks it created.
        static let secrets = """
            {"version": 1, "webhooks": [
              {"siteId": "site_shop", "name": "ops-alerts", "id": "wh_alerts", "url": "https://hooks.example.com/zta/alerts",
               "events": ["alert"], "secret": "whsec_known_alerts", "createdAt": "2025-01-01T00:00:00.000Z"},
              {"siteId": "site_shop", "name": "goals", "id": "wh_goals", "url": "https://hooks.example.com/zta/goals",
               "events": ["goal"], "secret": "whsec_known_goals", "createdAt": "2025-01-01T00:00:01.000Z"}
            ]}

            """

        init(shop: String = Workspace.shop, blog: String = Workspace.blog) throws {
            root = try BinaryRunner.temporaryDirectory()
            try write("sites/shop.yaml", shop)
            try write("sites/blog.yaml", blog)
            try write(".ztahooks/sandbox.json", Self.sandboxState)
            try write(".ztahooks/sandbox-secrets.json", Self.secrets)
        }

        func write(_ path: String, _ text: String) throws {
            try BinaryRunner.write(text, to: path, under: root)
        }

        func read(_ path: String) throws -> Data {
            try Data(contentsOf: root.appendingPathComponent(path))
        }

        func plan(_ args: [String]) async throws -> BinaryRunner.Result {
            let result = try await BinaryRunner.run(["plan"] + args, in: root)
            // Whatever the case, no secret from the emulator or the secrets file may be printed.
            #expect(!result.stdout.contains("whsec_"), "stdout shows a secret")
            #expect(!result.stderr.contains("whsec_"), "stderr shows a secret")
            return result
        }

        func remove() {
            try? FileManager.default.removeItem(at: root)
        }
    }

    static let expectedText = """
        site site_blog (sites/blog.yaml)
          + create  posts https://hooks.example.com/blog [pageview]
                not live

        site site_shop (sites/shop.yaml)
          - delete  wh_stale https://old.example.com/zta [goal]
                not declared in sites/shop.yaml
          -/+ replace goals (wh_goals) https://hooks.example.com/zta/goals [goal] → [goal, pageview] [create-then-delete]
                events changed: +pageview
                mints a new secret: the receiver at https://hooks.example.com/zta/goals needs it from the secrets file (looked up by X-ZTA-Webhook-ID, old and new verify side by side until the old one is deleted)
                until the old one is deleted, ZTA delivers each event to both: the receiver gets it twice (listen and the ZTAWebhooks deduplicator pass it on once; see the receivers guide)
          + create  fresh https://hooks.example.com/zta/fresh [session_end]
                not live

        Plan: 2 to create, 1 to replace, 1 to delete; 1 unchanged.

        """

    @Test func textListsEveryChangeWithItsReasonAndExitsZero() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let stateBefore = try workspace.read(".ztahooks/sandbox.json")
        let result = try await workspace.plan(["--sandbox", "sites"])
        #expect(result.stdout == Self.expectedText)
        #expect(result.stderr == "")
        #expect(result.exitCode == 0)
        // A plan changes nothing.
        #expect(try workspace.read(".ztahooks/sandbox.json") == stateBefore)
    }

    @Test func detailedExitcodeIsTwoWithChangesAndZeroWithout() async throws {
        let workspace = try Workspace(shop: """
            site: site_shop
            prune: false
            webhooks:
              - name: ops-alerts
                url: https://hooks.example.com/zta/alerts
                events: [alert]
              - name: goals
                url: https://hooks.example.com/zta/goals
                events: [goal]

            """)
        defer { workspace.remove() }
        let pending = try await workspace.plan(["--sandbox", "--detailed-exitcode", "sites"])
        #expect(pending.exitCode == 2)
        #expect(pending.stdout.hasSuffix("Plan: 1 to create, 0 to replace, 0 to delete; 2 unchanged. 1 unmanaged (prune: false).\n"))

        let none = try await workspace.plan(["--sandbox", "--detailed-exitcode", "sites/shop.yaml"])
        #expect(none.exitCode == 0)
        #expect(none.stdout == """
            site site_shop (sites/shop.yaml)
              ~ unmanaged wh_stale https://old.example.com/zta [goal] (prune: false)

            No changes: live webhooks match the site files. 2 unchanged. 1 unmanaged (prune: false).

            """)
    }

    @Test func jsonCarriesTheSummaryAndTheActions() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try await workspace.plan(["--sandbox", "--format", "json", "sites"])
        #expect(result.exitCode == 0)
        let plan = try PlanJSONRenderer.decode(Data(result.stdout.utf8))
        #expect(plan.formatVersion == 1)
        let counts: [Int] = [plan.summary.create, plan.summary.replace, plan.summary.delete, plan.summary.unchanged]
        #expect(counts == [2, 1, 1, 1])
        #expect(plan.sites.map(\.siteId) == ["site_blog", "site_shop"])
        let shop = plan.sites[1]
        #expect(shop.actions.map(\.kind) == [.delete, .replace, .create])
        #expect(shop.actions[0].liveID == "wh_stale")
        #expect(shop.actions[1].reasons == ["events changed: +pageview"])
        guard case .create(let create) = shop.actions[2] else {
            Issue.record("expected a create, got \(shop.actions[2].kind)")
            return
        }
        #expect(create.description == "Session ends to the warehouse")
        #expect(shop.unchanged.map(\.id) == ["wh_alerts"])
        // The site nobody declared is never mentioned, let alone touched.
        #expect(!result.stdout.contains("site_other"))
        // Written a site at a time, it is still the whole plan's JSON, byte for byte.
        #expect(PlanJSONRenderer.render(plan) == result.stdout)
        #expect(plan.sourceChecksum?.hasPrefix("sha256:") == true)
        // And the same as when the whole plan is kept for --out.
        let saved = try await workspace.plan(["--sandbox", "--format", "json", "--out", "plan.json", "sites"])
        #expect(saved.stdout == result.stdout)
    }

    @Test func markdownIsForPullRequests() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try await workspace.plan(["--sandbox", "--format", "markdown", "sites"])
        #expect(result.exitCode == 0)
        #expect(result.stdout.hasPrefix("""
            ### ztahooks plan

            **2 to create, 1 to replace, 1 to delete** · 1 unchanged · 🔑 1 replace mints a new secret its receiver must load

            | site | file | create | replace | delete | unchanged |
            |---|---|--:|--:|--:|--:|
            | `site_blog` | `sites/blog.yaml` | 1 | 0 | 0 | 0 |
            | `site_shop` | `sites/shop.yaml` | 1 | 1 | 1 | 1 |

            """))
        #expect(result.stdout.contains("<details><summary><code>site_shop</code> — 3 changes (sites/shop.yaml)</summary>"))
        #expect(!result.stdout.contains("\u{1B}["))
    }

    @Test func savedPlanHasChecksumsAndFingerprintsAndNoSecret() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try await workspace.plan(["--sandbox", "--out", "plan.json", "sites"])
        #expect(result.exitCode == 0)
        #expect(result.stdout == Self.expectedText)
        #expect(result.stderr == "Saved the plan to plan.json; run `ztahooks apply --plan plan.json` to apply exactly this.\n")

        let data = try workspace.read("plan.json")
        #expect(!String(decoding: data, as: UTF8.self).contains("whsec_"))
        let plan = try PlanJSONRenderer.decode(data)
        let files = try ["sites/blog.yaml", "sites/shop.yaml"].map { (path: $0, contents: try workspace.read($0)) }
        #expect(plan.sourceChecksum == LiveFingerprint.ofSources(files))
        #expect(plan.sites.allSatisfy { $0.fingerprint?.hasPrefix("sha256:") == true })
        #expect(plan.sites[0].fingerprint == LiveFingerprint.of([]))
        #expect(plan.sites[0].fingerprint != plan.sites[1].fingerprint)
        #expect(plan.summary.changes == 4)
        #expect(plan.source?.paths == ["sites"])
        // Gathered site by site beside the text, it is the file the whole plan gives (Markdown
        // keeps the whole plan), byte for byte; and the same beside JSON.
        _ = try await workspace.plan(["--sandbox", "--format", "markdown", "--out", "whole.json", "sites"])
        #expect(try workspace.read("whole.json") == data)
        _ = try await workspace.plan(["--sandbox", "--format", "json", "--out", "beside-json.json", "sites"])
        #expect(try workspace.read("beside-json.json") == data)
    }

    @Test func siteNarrowsTheRun() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try await workspace.plan(["--sandbox", "--site", "site_blog", "sites"])
        #expect(result.exitCode == 0)
        #expect(result.stdout == """
            site site_blog (sites/blog.yaml)
              + create  posts https://hooks.example.com/blog [pageview]
                    not live

            Plan: 1 to create, 0 to replace, 0 to delete; 0 unchanged.

            """)
    }

    @Test func brokenSiteFileIsNamedAndTheRestIsStillPlanned() async throws {
        let workspace = try Workspace(blog: """
            site: site_blog
            webhooks:
              - name: posts
                url: http://hooks.example.com/blog
                events: [pagevew]

            """)
        defer { workspace.remove() }
        let result = try await workspace.plan(["--sandbox", "sites"])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("sites/blog.yaml:4:"))
        #expect(result.stderr.contains("sites/blog.yaml:5:"))
        #expect(!result.stdout.contains("site_blog"))
        #expect(result.stdout.contains("site site_shop (sites/shop.yaml)"))
        #expect(result.stdout.hasSuffix("Plan: 1 to create, 1 to replace, 1 to delete; 1 unchanged. Not checked: 1 site file with errors.\n"))
    }

    /// State only the files under `.ztahooks/` can tell: a webhook ZTA disabled, and one whose
    /// create was in flight when an earlier apply died (its intent is still in the secrets file).
    @Test func disabledAndLostInFlightWebhooksAreReplacedWithTheirReasons() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try FileManager.default.removeItem(at: workspace.root.appendingPathComponent("sites/blog.yaml"))
        try workspace.write(".ztahooks/sandbox.json", """
            {"version": 1, "webhooks": [
              {"siteId": "site_shop", "id": "wh_alerts", "url": "https://hooks.example.com/zta/alerts", "events": ["alert"],
               "secret": "whsec_sandbox_alerts", "active": false, "createdAt": "2025-01-01T00:00:00.000Z",
               "lastTriggered": null, "description": null},
              {"siteId": "site_shop", "id": "wh_lost", "url": "https://hooks.example.com/zta/fresh", "events": ["session_end"],
               "secret": "whsec_sandbox_lost", "active": true, "createdAt": "2025-01-01T00:00:05.000Z",
               "lastTriggered": null, "description": null}
            ]}

            """)
        try workspace.write(".ztahooks/sandbox-secrets.json", """
            {"version": 1,
             "pendingCreates": [
               {"intentId": "i-1", "siteId": "site_shop", "name": "fresh", "url": "https://hooks.example.com/zta/fresh",
                "events": ["session_end"], "startedAt": "2025-01-01T00:00:04.000Z"}
             ],
             "webhooks": [
               {"siteId": "site_shop", "name": "ops-alerts", "id": "wh_alerts", "url": "https://hooks.example.com/zta/alerts",
                "events": ["alert"], "secret": "whsec_known_alerts", "createdAt": "2025-01-01T00:00:00.000Z"}
             ]}

            """)
        let result = try await workspace.plan(["--sandbox", "sites"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout == """
            site site_shop (sites/shop.yaml)
              -/+ replace ops-alerts (wh_alerts) https://hooks.example.com/zta/alerts [alert] → [alert] [create-then-delete]
                    disabled by ZTA after failed deliveries (active: false); re-creating is the only way to re-enable it
                    mints a new secret: the receiver at https://hooks.example.com/zta/alerts needs it from the secrets file (looked up by X-ZTA-Webhook-ID, old and new verify side by side until the old one is deleted)
                    until the old one is deleted, ZTA delivers each event to both: the receiver gets it twice (listen and the ZTAWebhooks deduplicator pass it on once; see the receivers guide)
              -/+ replace fresh (wh_lost) https://hooks.example.com/zta/fresh [session_end] → [session_end] [create-then-delete]
                    created by an interrupted apply whose answer was lost: its secret is unknown, so it is re-created
                    mints a new secret: the receiver at https://hooks.example.com/zta/fresh needs it from the secrets file (looked up by X-ZTA-Webhook-ID, old and new verify side by side until the old one is deleted)
                    until the old one is deleted, ZTA delivers each event to both: the receiver gets it twice (listen and the ZTAWebhooks deduplicator pass it on once; see the receivers guide)
              + create  goals https://hooks.example.com/zta/goals [goal, pageview]
                    not live

            Plan: 1 to create, 2 to replace, 0 to delete; 0 unchanged.

            """)
    }

    @Test(arguments: [
        ["--format", "yaml"],
        ["--concurrency", "0"],
        ["--sandbox", "--api-url", "http://127.0.0.1:1"],
        ["--no-such-flag"],
    ])
    func badUsageExits64(_ args: [String]) async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try await workspace.plan(args + ["sites"])
        #expect(result.exitCode == 64)
        #expect(result.stderr.hasPrefix("Error: "))
        #expect(result.stdout == "")
    }

    static let examples = BinaryRunner.packageRoot.appendingPathComponent("examples/sites")
    static let exampleFiles = ((try? FileManager.default.contentsOfDirectory(atPath: examples.path)) ?? [])
        .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }

    /// The shipped examples plan cleanly against an empty sandbox: every webhook is a create.
    @Test(.enabled(if: !exampleFiles.isEmpty, "examples/sites has no site files"))
    func examplesPlanAgainstAnEmptySandbox() async throws {
        let (examples, files) = (Self.examples, Self.exampleFiles)
        let root = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.copyItem(at: examples, to: root.appendingPathComponent("sites"))
        let result = try await BinaryRunner.run(["plan", "--sandbox", "--format", "json", "sites"], in: root)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let plan = try PlanJSONRenderer.decode(Data(result.stdout.utf8))
        #expect(plan.sites.count == files.count)
        #expect(plan.summary.create > 0)
        #expect(plan.summary.create == plan.summary.changes)
    }
}
