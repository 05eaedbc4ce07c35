import Foundation
import Testing
import ZTAHooksCore

/// `ztahooks.yaml` end to end: the policy fails validation at the pull request's line, `paths`
/// stands in for PATH, and flags beat the project's defaults.
struct ProjectFileCommandTests {
    typealias Workspace = PlanCommandTests.Workspace

    /// The plan workspace with a project file that allows only the shop's receivers' host.
    private func workspace(policy: String) async throws -> Workspace {
        let workspace = try Workspace()
        try workspace.write("ztahooks.yaml", policy)
        return workspace
    }

    private func run(_ workspace: Workspace, _ args: [String], in subdirectory: String? = nil,
                     environment: [String: String] = [:]) async throws -> BinaryRunner.Result {
        let directory = subdirectory.map { workspace.root.appendingPathComponent($0) } ?? workspace.root
        let result = try await BinaryRunner.run(args, in: directory, environment: environment)
        #expect(!result.stdout.contains("whsec_") && !result.stderr.contains("whsec_"), "a secret was printed")
        return result
    }

    private static let hostPolicy = """
        # yaml-language-server: $schema=../schemas/project.schema.json
        paths: [sites]
        allowedHosts:
          - hooks.example.com
          - "*.internal.example.com"

        """

    private static let blogToANewHost = """
        site: site_blog
        webhooks:
          - name: posts
            url: https://collector.analytics-vendor.net/zta
            events: [pageview]

        """

    /// A file with an error of its own still gets its policy findings in the same run: one round
    /// of fixes, not two.
    @Test func policyFindingsComeInTheSameRunAsAFilesOwnErrors() async throws {
        let workspace = try await workspace(policy: Self.hostPolicy)
        defer { workspace.remove() }
        try workspace.write("sites/blog.yaml", Self.blogToANewHost.replacingOccurrences(of: "[pageview]", with: "[pageviews]")
            + "  - name: Bad Name\n    url: https://hooks.example.com/ok\n    events: [goal]\n")
        let text = try await run(workspace, ["validate"])
        #expect(text.exitCode == 1)
        #expect(text.stdout.contains("sites/blog.yaml:5:14: error: unknown event type 'pageviews'"), "\(text.stdout)")
        #expect(text.stdout.contains("sites/blog.yaml:4:10: error: webhook 'posts' sends to host 'collector.analytics-vendor.net', which ztahooks.yaml does not allow"))
        #expect(text.stdout.contains("invalid webhook name 'Bad Name'"))
        #expect(text.stdout.contains("3 errors"))
    }

    @Test func anUnapprovedHostFailsValidateWithThePolicyLine() async throws {
        let workspace = try await workspace(policy: Self.hostPolicy)
        defer { workspace.remove() }
        try workspace.write("sites/blog.yaml", Self.blogToANewHost)
        let text = try await run(workspace, ["validate"])
        #expect(text.exitCode == 1)
        #expect(text.stdout == """
            sites/blog.yaml:4:10: error: webhook 'posts' sends to host 'collector.analytics-vendor.net', which ztahooks.yaml does not allow (allowed by ztahooks.yaml:3:1: hooks.example.com, *.internal.example.com)
            2 files, 4 webhooks: 1 error, 0 warnings

            """)
        #expect(text.stderr.isEmpty, "\(text.stderr)")

        let github = try await run(workspace, ["validate", "--format", "github"])
        #expect(github.exitCode == 1)
        #expect(github.stdout.hasPrefix(
            "::error file=sites/blog.yaml,line=4,col=10::webhook 'posts' sends to host 'collector.analytics-vendor.net', which ztahooks.yaml does not allow (allowed by ztahooks.yaml:3:1: hooks.example.com, *.internal.example.com)\n"
        ))

        // Plan leaves the site out as invalid and exits 1; apply changes nothing.
        let plan = try await run(workspace, ["plan", "--sandbox"])
        #expect(plan.exitCode == 1)
        #expect(!plan.stdout.contains("site_blog"))
        let apply = try await run(workspace, ["apply", "--sandbox", "--auto-approve"])
        #expect(apply.exitCode == 1)
        #expect(apply.stderr.contains("Nothing was changed."))
    }

    @Test func theProjectFileIsFoundFromANestedDirectoryUpToTheRepositoryRoot() async throws {
        let workspace = try await workspace(policy: Self.hostPolicy)
        defer { workspace.remove() }
        try FileManager.default.createDirectory(at: workspace.root.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try workspace.write("sites/blog.yaml", Self.blogToANewHost)
        let nested = try await run(workspace, ["validate"], in: "sites")
        #expect(nested.exitCode == 1)
        #expect(nested.stdout.hasPrefix("../sites/blog.yaml:4:10: error: webhook 'posts' sends to host 'collector.analytics-vendor.net', which ../ztahooks.yaml does not allow (allowed by ../ztahooks.yaml:3:1:"))
    }

    @Test func pathsIsTheDefaultOfABarePlan() async throws {
        let workspace = try await workspace(policy: Self.hostPolicy)
        defer { workspace.remove() }
        try workspace.write("README.yml", "not: a site file\n")
        let result = try await run(workspace, ["plan", "--sandbox"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout == PlanCommandTests.expectedText)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    @Test func withoutProjectFileOrPathABareCommandSaysWhichDirectoryItRead() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let text = try await run(workspace, ["validate"])
        #expect(text.exitCode == 0)
        #expect(text.stderr.hasPrefix("note: reading site files under "))
        #expect(text.stderr.hasSuffix(" (no ztahooks.yaml found; pass PATH or add one)\n"))
        // Machine formats stay quiet.
        let json = try await run(workspace, ["validate", "--format", "json"])
        #expect(json.stderr.isEmpty, "\(json.stderr)")
        #expect(try await run(workspace, ["plan", "--sandbox", "--format", "json"]).stderr.isEmpty)
    }

    @Test func flagsOverrideTheProjectsMaxDeletes() async throws {
        let workspace = try await workspace(policy: "paths: [sites]\nmaxDeletes: 0\n")
        defer { workspace.remove() }
        let refused = try await run(workspace, ["apply", "--sandbox", "--auto-approve"])
        #expect(refused.exitCode == 3)
        #expect(refused.stderr.contains("the plan deletes 1 webhook"), "\(refused.stderr)")
        let allowed = try await run(workspace, ["apply", "--sandbox", "--auto-approve", "--max-deletes", "1"])
        #expect(allowed.exitCode == 0, "\(allowed.stderr)")
        #expect(allowed.stdout.contains("Apply: 2 created, 1 replaced, 1 deleted."))
    }

    @Test func configNamesAProjectFileAnywhere() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write("policy/strict.yaml", "paths: [../sites]\nrequireDescription: true\n")
        let result = try await run(workspace, ["validate", "--config", "policy/strict.yaml"])
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains("policy/../sites/blog.yaml:3:5: error: webhook 'posts' has no description; policy/strict.yaml requires one"))
        let missing = try await run(workspace, ["validate", "--config", "nope.yaml", "sites"])
        #expect(missing.exitCode == 1)
        #expect(missing.stdout.hasPrefix("nope.yaml:1:1: error: no such project file\n"))
    }

    @Test func secretsFileIsADefaultThatTheEnvironmentOverrides() async throws {
        let workspace = try await workspace(policy: "paths: [sites]\nsecretsFile: team/secrets.json\n")
        defer { workspace.remove() }
        // A broken secrets file stops plan before any request: which file was read shows in the error.
        try workspace.write("team/secrets.json", "not json")
        try workspace.write("env.json", "not json either")
        let fromProject = try await run(workspace, ["plan"], environment: ["ZTA_API_TOKEN": "t"])
        #expect(fromProject.exitCode == 1)
        #expect(fromProject.stderr.contains("team/secrets.json"), "\(fromProject.stderr)")
        let fromEnvironment = try await run(workspace, ["plan"], environment: ["ZTA_API_TOKEN": "t", "ZTA_SECRETS_FILE": "env.json"])
        #expect(fromEnvironment.exitCode == 1)
        #expect(fromEnvironment.stderr.contains("env.json") && !fromEnvironment.stderr.contains("team/secrets.json"), "\(fromEnvironment.stderr)")
        // The sandbox keeps its own file: the project's real one is not used.
        #expect(try await run(workspace, ["plan", "--sandbox"]).exitCode == 0)
    }

    @Test func anInvalidProjectFileFailsValidateAndStopsApply() async throws {
        let workspace = try await workspace(policy: "paths: [sites]\nonSecret: \"./store-secret 'unclosed\"\nmaxWebhooksPerSit: 3\n")
        defer { workspace.remove() }
        let result = try await run(workspace, ["validate"])
        #expect(result.exitCode == 1)
        #expect(result.stdout == """
            ztahooks.yaml:2:11: error: 'onSecret': the command has an unclosed ' (quote like a shell does, or write a list: onSecret: [./store-secret, --vault])
            ztahooks.yaml:3:1: error: unknown key 'maxWebhooksPerSit' (did you mean 'maxWebhooksPerSite'?)
            2 files, 4 webhooks: 2 errors, 0 warnings

            """)
        let apply = try await run(workspace, ["apply", "--sandbox", "--auto-approve"])
        #expect(apply.exitCode == 1)
        #expect(apply.stderr.contains("Nothing was changed."))
    }

    @Test func aFIFOProjectFileIsReportedNotOpenedAndASymlinkIsFollowed() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let project = workspace.root.appendingPathComponent("ztahooks.yaml")
        try #require(mkfifo(project.path, 0o600) == 0)
        let fifo = try await BinaryRunner.run(["validate", "sites"], in: workspace.root, timeLimit: .seconds(20))
        #expect(!fifo.timedOut, "validate hung on a FIFO")
        #expect(fifo.exitCode == 1)
        #expect(fifo.stdout.hasPrefix("ztahooks.yaml:1:1: error: not a regular file (a FIFO); not read\n"))

        try FileManager.default.removeItem(at: project)
        try workspace.write("policy/real.yaml", "paths: [sites]\nmaxWebhooksPerSite: 2\n")
        try FileManager.default.createSymbolicLink(atPath: project.path, withDestinationPath: "policy/real.yaml")
        let linked = try await run(workspace, ["validate"])
        #expect(linked.exitCode == 1)
        #expect(linked.stdout.hasPrefix("sites/shop.yaml:2:1: error: site 'site_shop' declares 3 webhooks; ztahooks.yaml allows at most 2 per site (maxWebhooksPerSite at ztahooks.yaml:2:1)\n"))
    }
}
