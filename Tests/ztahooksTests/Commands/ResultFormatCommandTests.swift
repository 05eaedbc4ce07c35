import Foundation
import Testing
import ZTAHooksCore

/// `apply --format json` and `rotate --format json`: JSON alone on standard output, the words
/// for people on standard error, and no secret anywhere.
struct ResultFormatCommandTests {
    typealias Workspace = PlanCommandTests.Workspace

    private func run(_ workspace: Workspace, _ args: [String]) async throws -> (result: BinaryRunner.Result, json: [String: Any]) {
        let result = try await BinaryRunner.run(args, in: workspace.root)
        #expect(!result.stdout.contains("whsec_"), "stdout shows a secret")
        #expect(!result.stderr.contains("whsec_"), "stderr shows a secret")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        return (result, json)
    }

    @Test func applyPrintsItsResultAsJSON() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let (result, json) = try await run(workspace, ["apply", "sites", "--sandbox", "--auto-approve", "--format", "json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(json["formatVersion"] as? Int == 1)
        #expect(json["command"] as? String == "apply")
        #expect(json["status"] as? String == "success")
        #expect(json["secretsFile"] as? String == ".ztahooks/sandbox-secrets.json")
        let summary = try #require(json["summary"] as? [String: Int])
        #expect(summary == ["created": 2, "replaced": 1, "deleted": 1, "failed": 0, "notAttempted": 0])
        let newSecrets = try #require(json["newSecrets"] as? [[String: Any]])
        #expect(newSecrets.compactMap { $0["name"] as? String }.sorted() == ["fresh", "goals", "posts"])
        let goals = try #require(newSecrets.first { $0["name"] as? String == "goals" })
        #expect(goals["replaces"] as? String == "wh_goals")
        #expect(goals["url"] as? String == "https://hooks.example.com/zta/goals")
        #expect((goals["id"] as? String)?.hasPrefix("wh_") == true)
        // The plan and the progress went to the log, not into the JSON.
        #expect(result.stderr.contains("-/+ replace goals (wh_goals)"))
        #expect(result.stderr.contains("Apply: 2 created, 1 replaced, 1 deleted."))
    }

    @Test func aRefusedApplyIsJSONToo() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let (result, json) = try await run(workspace, ["apply", "sites", "--sandbox", "--format", "json"])
        #expect(result.exitCode == 3)
        #expect(json["status"] as? String == "refused")
        #expect(json["refused"] as? [String] == ["not approved"])
    }

    /// Paths follow the targets, as `plan PATH...` takes them.
    @Test func rotateTakesPathsAfterItsTargetsAndPrintsJSON() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let (result, json) = try await run(workspace, ["rotate", "site_shop/ops-alerts", "sites", "--sandbox", "--auto-approve", "--format", "json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(json["command"] as? String == "rotate")
        let newSecrets = try #require(json["newSecrets"] as? [[String: Any]])
        #expect(newSecrets.count == 1)
        #expect(newSecrets.first?["replaces"] as? String == "wh_alerts")
        #expect(result.stderr.contains("Receivers of site_shop/ops-alerts (https://hooks.example.com/zta/alerts) need the new secret"))
    }

    @Test func aRotateArgumentThatIsBothATargetAndAPathIsRefused() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try FileManager.default.createDirectory(at: workspace.root.appendingPathComponent("site_shop/ops-alerts"), withIntermediateDirectories: true)
        let result = try await BinaryRunner.run(["rotate", "site_shop/ops-alerts", "--sandbox"], in: workspace.root)
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("'site_shop/ops-alerts' is both SITE/NAME and a path on disk"))
    }
}

/// `--no-step-summary` and the 1 MiB a step's job summary may hold.
struct StepSummaryLimitCommandTests {
    @Test func noStepSummaryWritesNothing() async throws {
        let workspace = try PlanCommandTests.Workspace()
        defer { workspace.remove() }
        let summary = workspace.root.appendingPathComponent("summary.md").path
        for command in [["plan"], ["drift"], ["apply", "--auto-approve"]] {
            let result = try await BinaryRunner.run(command + ["sites", "--sandbox", "--no-step-summary"], in: workspace.root,
                                              environment: ["GITHUB_STEP_SUMMARY": summary])
            #expect(result.exitCode != 64, "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: summary), "\(command[0]) wrote the job summary")
        }
    }

    /// 3,000 sites with 4 unmanaged webhooks each: drift's Markdown is over 1 MiB, and the summary
    /// (already holding an earlier line) is cut to stay under it, closing what it opened.
    @Test func threeThousandSitesStayUnderTheLimit() async throws {
        let root = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        var webhooks: [String] = []
        for index in 0..<3_000 {
            let site = String(format: "site_%04d", index)
            try BinaryRunner.write("site: \(site)\nprune: false\nwebhooks:\n  - name: main\n    url: https://hooks.example.com/\(site)\n    events: [alert]\n",
                                   to: "sites/\(site).yaml", under: root)
            for hook in 0..<4 {
                webhooks.append("""
                    {"siteId": "\(site)", "id": "wh_\(site)_\(hook)", "url": "https://unmanaged.example.com/a/rather/long/path/\(site)/\(hook)", \
                    "events": ["pageview", "goal"], "secret": "whsec_\(site)_\(hook)", "active": true, \
                    "createdAt": "2025-01-01T00:00:00.000Z", "lastTriggered": null, "description": null}
                    """)
            }
        }
        try BinaryRunner.write("{\"version\": 1, \"webhooks\": [\(webhooks.joined(separator: ",\n"))]}\n", to: ".ztahooks/sandbox.json", under: root)
        let summary = root.appendingPathComponent("summary.md")
        try BinaryRunner.write("earlier line\n", to: "summary.md", under: root)

        let drift = try await BinaryRunner.run(["drift", "sites", "--sandbox", "--format", "json"], in: root,
                                         environment: ["GITHUB_STEP_SUMMARY": summary.path])
        #expect(drift.exitCode == 2, "\(drift.stderr.prefix(500))")
        let text = try String(contentsOf: summary, encoding: .utf8)
        #expect(text.utf8.count <= StepSummaryLimit.gitHubLimit)
        #expect(text.utf8.count > 1_000_000, "the summary was cut far more than it had to be")
        #expect(text.hasPrefix("earlier line\n### ztahooks drift\n"))
        #expect(text.contains("> **Cut** to stay under GitHub's 1 MiB job-summary limit."))
        #expect(text.components(separatedBy: "<details").count == text.components(separatedBy: "</details>").count)
        #expect(!text.contains("whsec_"))

        // plan after drift in the same step: nothing fits any more, and the file stays under the limit.
        let plan = try await BinaryRunner.run(["plan", "sites", "--sandbox"], in: root, environment: ["GITHUB_STEP_SUMMARY": summary.path])
        #expect(plan.exitCode == 0)
        #expect(try Data(contentsOf: summary).count <= StepSummaryLimit.gitHubLimit)
    }

    /// On its own, a 3,000-site plan's summary is the comment-sized Markdown.
    @Test func aThreeThousandSitePlanSummaryIsTheCommentSizedMarkdown() async throws {
        let root = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        for index in 0..<3_000 {
            let site = String(format: "site_%04d", index)
            try BinaryRunner.write("site: \(site)\nwebhooks:\n  - name: main\n    url: https://hooks.example.com/\(site)\n    events: [alert]\n",
                                   to: "sites/\(site).yaml", under: root)
        }
        let summary = root.appendingPathComponent("summary.md")
        let plan = try await BinaryRunner.run(["plan", "sites", "--sandbox", "--format", "json"], in: root,
                                        environment: ["GITHUB_STEP_SUMMARY": summary.path])
        #expect(plan.exitCode == 0, "\(plan.stderr.prefix(500))")
        let text = try String(contentsOf: summary, encoding: .utf8)
        #expect(text.utf8.count <= PlanMarkdownRenderer.gitHubCommentLimit + 1)
        #expect(text.hasPrefix("### ztahooks plan\n\n**3000 to create, 0 to replace, 0 to delete**"))
        #expect(text.contains("> **Truncated** to stay under GitHub's 65536-character comment limit"))
    }
}
