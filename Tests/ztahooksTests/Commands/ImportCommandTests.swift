import Foundation
import Testing
import ZTAHooksCore
import ZTASim

/// `ztahooks import` end to end: the built binary against the sandbox (or an emulator started
/// here), in a temporary working directory.
struct ImportCommandTests {
    typealias Workspace = PlanCommandTests.Workspace

    /// Live: site_shop has two webhooks ztahooks created (their secrets are known) and one made
    /// by hand; site_blog has one made by hand. Every secret the emulator holds is a `whsec_`.
    static let liveState = """
        {"version": 1, "webhooks": [
          {"siteId": "site_shop", "id": "wh_alerts", "url": "https://hooks.example.com/zta/alerts", "events": ["alert"],
           "secret": "whsec_sandbox_alerts", "active": true, "createdAt": "2025-01-01T00:00:00.000Z"},
          {"siteId": "site_shop", "id": "wh_goals", "url": "https://hooks.example.com/zta/goals", "events": ["goal"],
           "secret": "whsec_sandbox_goals", "active": true, "createdAt": "2025-01-01T00:00:01.000Z"},
          {"siteId": "site_shop", "id": "wh_hand", "url": "https://crm.example.com/hooks/zta", "events": ["session_end", "goal"],
           "secret": "whsec_sandbox_hand", "active": true, "createdAt": "2025-01-01T00:00:02.000Z"},
          {"siteId": "site_blog", "id": "wh_posts", "url": "https://hooks.example.com/blog", "events": ["pageview"],
           "secret": "whsec_sandbox_posts", "active": true, "createdAt": "2025-01-02T00:00:00.000Z",
           "lastTriggered": "2025-02-01T08:00:00.000Z"}
        ]}

        """

    static func workspace(state: String = liveState) async throws -> Workspace {
        let workspace = try Workspace()
        try FileManager.default.removeItem(at: workspace.root.appendingPathComponent("sites"))
        try workspace.write(".ztahooks/sandbox.json", state)
        return workspace
    }

    /// Runs the binary and checks that no secret reached its output, whatever the case.
    static func run(_ args: [String], in workspace: Workspace, environment: [String: String] = [:]) async throws -> BinaryRunner.Result {
        let result = try await BinaryRunner.run(args, in: workspace.root, environment: environment)
        #expect(!result.stdout.contains("whsec_"), "stdout shows a secret")
        #expect(!result.stderr.contains("whsec_"), "stderr shows a secret")
        return result
    }

    static let blogFile = """
        # yaml-language-server: $schema=../schemas/site.schema.json
        #
        # Imported by `ztahooks import` from the live webhooks of this site.
        site: site_blog
        prune: true
        webhooks:
          - name: blog
            url: https://hooks.example.com/blog
            events: [pageview]

        """

    @Test func roundTripValidatesPlansNoChangeAndAdopts() async throws {
        let workspace = try await Self.workspace()
        defer { workspace.remove() }
        let result = try await Self.run(["import", "--sandbox", "--site", "site_shop", "--site", "site_blog", "--out", "sites"], in: workspace)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        #expect(result.stdout == """
            Wrote sites/site_blog.yaml: 1 webhook, 1 adopted into .ztahooks/sandbox-secrets.json.
            Wrote sites/site_shop.yaml: 3 webhooks, 1 adopted into .ztahooks/sandbox-secrets.json.
            Check with `ztahooks plan sites/site_blog.yaml sites/site_shop.yaml`: it shows no change.

            """)
        #expect(String(decoding: try workspace.read("sites/site_blog.yaml"), as: UTF8.self) == Self.blogFile)
        // The names the secrets file knows are kept; events in the document's order.
        #expect(String(decoding: try workspace.read("sites/site_shop.yaml"), as: UTF8.self).hasSuffix("""
            webhooks:
              - name: ops-alerts
                url: https://hooks.example.com/zta/alerts
                events: [alert]
              - name: goals
                url: https://hooks.example.com/zta/goals
                events: [goal]
              - name: hooks-zta
                url: https://crm.example.com/hooks/zta
                events: [goal, session_end]

            """))
        let mode = try FileManager.default.attributesOfItem(atPath: workspace.root.appendingPathComponent("sites/site_shop.yaml").path)[.posixPermissions] as? Int
        #expect(mode == 0o644)

        let secrets = try SecretsStore.read(path: workspace.root.appendingPathComponent(".ztahooks/sandbox-secrets.json").path)
        let adopted = secrets.entries.filter { $0.adopted == true }
        #expect(adopted.map(\.id).sorted() == ["wh_hand", "wh_posts"])
        #expect(adopted.allSatisfy { $0.secret == nil })
        #expect(secrets.entry(id: "wh_posts")?.createdAt == "2025-01-02T00:00:00.000Z")
        #expect(secrets.entry(id: "wh_hand")?.events == ["goal", "session_end"])
        // A known secret is never traded for an adoption.
        #expect(secrets.entry(id: "wh_alerts")?.secret == "whsec_known_alerts")
        let raw = String(decoding: try workspace.read(".ztahooks/sandbox-secrets.json"), as: UTF8.self)
        #expect(raw.contains("\"secret\": null") && raw.contains("\"adopted\": true"))

        let validate = try await Self.run(["validate", "sites"], in: workspace)
        #expect(validate.exitCode == 0, "\(validate.stdout)")
        let plan = try await Self.run(["plan", "--sandbox", "--detailed-exitcode", "sites"], in: workspace)
        #expect(plan.exitCode == 0, "\(plan.stdout)\(plan.stderr)")
        #expect(plan.stdout.hasSuffix("No changes: live webhooks match the site files. 4 unchanged.\n"))
    }

    @Test func refusesToOverwriteAFileUnlessForced() async throws {
        let workspace = try await Self.workspace()
        defer { workspace.remove() }
        try workspace.write("sites/site_blog.yaml", "hand-written\n")
        let refused = try await Self.run(["import", "--sandbox", "--site", "site_blog", "--site", "site_shop", "--out", "sites"], in: workspace)
        #expect(refused.exitCode == 3)
        #expect(refused.stderr == "refused: sites/site_blog.yaml already exists; use --force to overwrite it\nNothing was changed.\n")
        #expect(refused.stdout == "")
        #expect(try workspace.read("sites/site_blog.yaml") == Data("hand-written\n".utf8))
        #expect(!FileManager.default.fileExists(atPath: workspace.root.appendingPathComponent("sites/site_shop.yaml").path))
        #expect(try workspace.read(".ztahooks/sandbox-secrets.json") == Data(Workspace.secrets.utf8))

        let forced = try await Self.run(["import", "--sandbox", "--site", "site_blog", "--out", "sites", "--force"], in: workspace)
        #expect(forced.exitCode == 0, "\(forced.stderr)")
        #expect(String(decoding: try workspace.read("sites/site_blog.yaml"), as: UTF8.self) == Self.blogFile)
    }

    /// A site declared in another file of the paths (or of DIR) is refused; with --force that
    /// file is rewritten, so that the site stays in one file.
    @Test func refusesASiteAlreadyDeclaredUnlessForced() async throws {
        let workspace = try await Self.workspace()
        defer { workspace.remove() }
        try workspace.write("declared/blog.yaml", Workspace.blog)
        let refused = try await Self.run(["import", "--sandbox", "--site", "site_blog", "--out", "sites", "declared"], in: workspace)
        #expect(refused.exitCode == 3)
        #expect(refused.stderr == """
            refused: site site_blog is already declared in declared/blog.yaml; use --force to replace that file's declaration
            Nothing was changed.

            """)
        #expect(try workspace.read("declared/blog.yaml") == Data(Workspace.blog.utf8))

        let forced = try await Self.run(["import", "--sandbox", "--site", "site_blog", "--out", "sites", "--force", "declared"], in: workspace)
        #expect(forced.exitCode == 0, "\(forced.stderr)")
        #expect(forced.stdout.hasPrefix("Wrote declared/blog.yaml: 1 webhook"))
        #expect(!FileManager.default.fileExists(atPath: workspace.root.appendingPathComponent("sites").path))
        #expect(String(decoding: try workspace.read("declared/blog.yaml"), as: UTF8.self) == Self.blogFile)

        // A file with errors that names the site still declares it.
        try workspace.write("declared/blog.yaml", "site: site_blog\nwebhooks:\n  - name: Not Valid\n    url: http://x\n    events: [nope]\n")
        let broken = try await Self.run(["import", "--sandbox", "--site", "site_blog", "--out", "sites", "declared"], in: workspace)
        #expect(broken.exitCode == 3)

        // DIR itself is searched even when no path is given.
        let again = try await Self.run(["import", "--sandbox", "--site", "site_blog", "--out", "declared"], in: workspace)
        #expect(again.exitCode == 3)
        #expect(again.stderr.hasPrefix("refused: site site_blog is already declared in declared/blog.yaml"))
    }

    @Test func dryRunPrintsTheFilesAndWritesNothing() async throws {
        let workspace = try await Self.workspace()
        defer { workspace.remove() }
        let result = try await Self.run(["import", "--sandbox", "--site", "site_blog", "--out", "sites", "--dry-run"], in: workspace)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout == "# ztahooks import --dry-run: would write sites/site_blog.yaml\n" + Self.blogFile)
        #expect(!FileManager.default.fileExists(atPath: workspace.root.appendingPathComponent("sites").path))
        #expect(try workspace.read(".ztahooks/sandbox-secrets.json") == Data(Workspace.secrets.utf8))
        #expect(!FileManager.default.fileExists(atPath: workspace.root.appendingPathComponent(".ztahooks/sandbox-secrets.json.lock").path))
    }

    @Test func disabledAndDuplicateWebhooksAreImportedOnceWithTheirFate() async throws {
        let workspace = try await Self.workspace(state: """
            {"version": 1, "webhooks": [
              {"siteId": "site_shop", "id": "wh_off", "url": "https://hooks.example.com/off", "events": ["goal"],
               "secret": "whsec_1", "active": false, "createdAt": "2025-01-01T00:00:00.000Z"},
              {"siteId": "site_shop", "id": "wh_first", "url": "https://hooks.example.com/twice", "events": ["event"],
               "secret": "whsec_2", "active": true, "createdAt": "2025-01-01T00:00:01.000Z"},
              {"siteId": "site_shop", "id": "wh_second", "url": "https://HOOKS.example.com:443/twice", "events": ["alert"],
               "secret": "whsec_3", "active": true, "createdAt": "2025-01-01T00:00:02.000Z"},
              {"siteId": "site_shop", "id": "wh_http", "url": "http://legacy.example.com/x", "events": ["goal"],
               "secret": "whsec_4", "active": true, "createdAt": "2025-01-01T00:00:03.000Z"}
            ]}

            """)
        defer { workspace.remove() }
        let result = try await Self.run(["import", "--sandbox", "--site", "site_shop", "--out", "sites"], in: workspace)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stderr == """
            warning: site_shop/off (wh_off) is disabled by ZTA (active: false): the next apply replaces it, which gives its receiver a new secret
            warning: site_shop/twice (wh_first): 1 more live at its URL (wh_second); imported once, and the next apply deletes the others
            warning: site site_shop: wh_http http://legacy.example.com/x cannot be declared (URL must use HTTPS; the ZTA API rejects http:// URLs); it is listed in a comment of the file, and the next apply deletes it

            """)
        #expect(result.stdout.hasSuffix("it shows only 1 disabled to replace and 2 to delete (duplicates, or URLs a site file cannot hold), as the warnings above say.\n"))
        let file = String(decoding: try workspace.read("sites/site_shop.yaml"), as: UTF8.self)
        #expect(file.hasSuffix("""
            webhooks:
              # wh_off is disabled by ZTA (active: false): the next apply replaces it, which mints a new secret
              - name: "off"
                url: https://hooks.example.com/off
                events: [goal]
              # 1 more live webhook at this URL (wh_second): the next apply deletes it
              - name: twice
                url: https://hooks.example.com/twice
                events: [event]

            # Live webhooks a site file cannot declare; the next apply deletes them (prune: true):
            #   wh_http http://legacy.example.com/x [goal]
            #     URL must use HTTPS; the ZTA API rejects http:// URLs

            """))
        let plan = try await Self.run(["plan", "--sandbox", "--format", "json", "sites"], in: workspace)
        #expect(plan.exitCode == 0, "\(plan.stderr)")
        let site = try #require(try PlanJSONRenderer.decode(Data(plan.stdout.utf8)).sites.first)
        #expect(site.actions.map { "\($0.kind.rawValue) \($0.liveID ?? "")" } == ["delete wh_second", "delete wh_http", "replace wh_off"])
        #expect(site.unchanged.map(\.id) == ["wh_first"])
    }

    @Test func aSymlinkAtTheDestinationIsReplacedNeverFollowed() async throws {
        let workspace = try await Self.workspace()
        defer { workspace.remove() }
        try workspace.write("precious.txt", "keep me\n")
        let link = workspace.root.appendingPathComponent("sites/site_blog.yaml")
        try FileManager.default.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "../precious.txt")
        let refused = try await Self.run(["import", "--sandbox", "--site", "site_blog", "--out", "sites"], in: workspace)
        #expect(refused.exitCode == 3)

        let forced = try await Self.run(["import", "--sandbox", "--site", "site_blog", "--out", "sites", "--force"], in: workspace)
        #expect(forced.exitCode == 0, "\(forced.stderr)")
        #expect(try workspace.read("precious.txt") == Data("keep me\n".utf8))
        let type = try FileManager.default.attributesOfItem(atPath: link.path)[.type] as? FileAttributeType
        #expect(type == .typeRegular)
        #expect(String(decoding: try workspace.read("sites/site_blog.yaml"), as: UTF8.self) == Self.blogFile)
    }

    @Test func aHeldLockIsARefusal() async throws {
        let workspace = try await Self.workspace()
        defer { workspace.remove() }
        let io = POSIXDurableFileIO()
        let lock = try #require(try io.lockFile(workspace.root.appendingPathComponent(".ztahooks/sandbox-secrets.json.lock").path))
        defer { io.close(lock) }
        let result = try await Self.run(["import", "--sandbox", "--site", "site_blog", "--out", "sites"], in: workspace)
        #expect(result.exitCode == 3)
        #expect(result.stderr.hasPrefix("refused: another ztahooks run holds the lock "))
        #expect(result.stderr.hasSuffix("Nothing was changed.\n"))
        #expect(!FileManager.default.fileExists(atPath: workspace.root.appendingPathComponent("sites").path))
    }

    @Test(arguments: [
        [String](),
        ["--site", "site shop"],
        ["--site", "site_shop", "--schema", "x\ny"],
        ["--site", "site_shop", "no/such/dir"],
    ])
    func badUsageExits64(_ args: [String]) async throws {
        let workspace = try await Self.workspace()
        defer { workspace.remove() }
        let result = try await Self.run(["import", "--sandbox"] + args, in: workspace)
        #expect(result.exitCode == 64)
        #expect(result.stdout == "")
    }

    /// Against an emulator that puts secrets into list answers and owns only one of the sites:
    /// the site it refuses fails alone, with the server's words, and no secret or token is shown
    /// or written by import or by list.
    @Test func anUnlistableSiteFailsAloneAndNoSecretOrTokenIsShown() async throws {
        let server = try await SimServer.start(options: SimOptions(tokens: ["tok_ci_secret": ["site_shop"]], listIncludesSecrets: true))
        let workspace = try await Self.workspace()
        defer { workspace.remove() }
        _ = try await server.state.insert([
            SimWebhookSeed(siteId: "site_shop", url: "https://hooks.example.com/zta/alerts", events: ["alert"], secret: "whsec_listed_1"),
            SimWebhookSeed(siteId: "site_denied", url: "https://hooks.example.com/x", events: ["goal"], secret: "whsec_listed_2"),
        ])
        let environment = ["ZTA_API_URL": server.baseURL, "ZTA_API_TOKEN": "tok_ci_secret"]
        let runs = await [
            try Self.run(["import", "--site", "site_shop", "--site", "site_denied", "--out", "sites"], in: workspace, environment: environment),
            try Self.run(["list", "sites", "--site", "site_shop", "--site", "site_denied"], in: workspace, environment: environment),
            try Self.run(["list", "sites", "--site", "site_shop", "--format", "json"], in: workspace, environment: environment),
        ]
        await server.stop()
        let imported = runs[0]
        #expect(imported.exitCode == 1)
        #expect(imported.stderr.contains("listing webhooks of site site_denied: access denied (403): \"Access denied\""))
        #expect(imported.stderr.contains("nothing was written for site site_denied"))
        #expect(imported.stdout.hasPrefix("Wrote sites/site_shop.yaml: 1 webhook, 1 adopted"))
        #expect(!FileManager.default.fileExists(atPath: workspace.root.appendingPathComponent("sites/site_denied.yaml").path))
        #expect(runs[1].exitCode == 1)
        #expect(runs[1].stdout.contains("site_shop  "))
        #expect(runs[1].stderr.contains("error: site site_denied: "))
        #expect(runs[2].exitCode == 0, "\(runs[2].stderr)")
        #expect(try ListJSONRenderer.decode(Data(runs[2].stdout.utf8)).sites[0].webhooks.map(\.state) == [.adopted])
        for run in runs {
            #expect(!(run.stdout + run.stderr).contains("tok_ci_secret"))
        }
        for file in ["sites/site_shop.yaml", ".ztahooks/secrets.json"] {
            let text = String(decoding: try workspace.read(file), as: UTF8.self)
            #expect(!text.contains("whsec_") && !text.contains("tok_ci_secret"), "\(file)")
        }
    }
}
