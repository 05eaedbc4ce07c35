import Foundation
import Testing
import ZTAHooksCore

/// `ztahooks apply` and `rotate` end to end: the built binary on the sandbox, in a scratch
/// directory seeded like the plan tests (site_shop: one unchanged, one replace, one create, one
/// delete; site_blog: one create).
struct ApplyCommandTests {
    typealias Workspace = PlanCommandTests.Workspace

    /// Runs the binary and checks that, whatever happened, no secret was printed.
    private func run(_ workspace: Workspace, _ args: [String]) async throws -> BinaryRunner.Result {
        let result = try await BinaryRunner.run(args, in: workspace.root)
        #expect(!result.stdout.contains("whsec_"), "stdout shows a secret")
        #expect(!result.stderr.contains("whsec_"), "stderr shows a secret")
        return result
    }

    private struct Emulated: Decodable {
        struct Webhook: Decodable {
            var siteId: String
            var id: String
            var url: String
            var events: [String]
            var secret: String
        }
        var webhooks: [Webhook]
    }

    private func liveState(_ workspace: Workspace) async throws -> [Emulated.Webhook] {
        try JSONDecoder().decode(Emulated.self, from: workspace.read(".ztahooks/sandbox.json")).webhooks
    }

    private func secrets(_ workspace: Workspace) throws -> SecretsSnapshot {
        try SecretsStore.read(path: workspace.root.appendingPathComponent(".ztahooks/sandbox-secrets.json").path)
    }

    @Test func withoutATerminalOrAutoApproveItRefusesWithExit3AndChangesNothing() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let before = try workspace.read(".ztahooks/sandbox.json")
        let result = try await run(workspace, ["apply", "sites", "--sandbox"])
        #expect(result.exitCode == 3)
        #expect(result.stderr.contains("standard input is not a terminal, so apply cannot ask; re-run with --auto-approve. Nothing was changed."))
        #expect(try workspace.read(".ztahooks/sandbox.json") == before)
    }

    @Test func autoApproveCarriesThePlanOutAndKeepsEverySecret() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try await run(workspace, ["apply", "sites", "--sandbox", "--auto-approve"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("site_shop: - deleted wh_stale"))
        #expect(result.stdout.contains("Apply: 2 created, 1 replaced, 1 deleted. New secrets are in .ztahooks/sandbox-secrets.json."))

        let live = try await liveState(workspace)
        let known = try secrets(workspace)
        // site_other is declared nowhere and untouched; every webhook ztahooks created has its secret.
        #expect(live.contains { $0.id == "wh_other" })
        #expect(!live.contains { $0.id == "wh_stale" || $0.id == "wh_goals" })
        for webhook in live where webhook.siteId != "site_other" && webhook.id != "wh_alerts" {
            #expect(known.entry(id: webhook.id)?.secret == webhook.secret, "\(webhook.id)")
        }
        #expect(known.entry(id: "wh_goals") == nil, "the replaced webhook's entry left the file")
        let mode = try FileManager.default.attributesOfItem(
            atPath: workspace.root.appendingPathComponent(".ztahooks/sandbox-secrets.json").path)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let again = try await run(workspace, ["plan", "sites", "--sandbox", "--detailed-exitcode"])
        #expect(again.exitCode == 0, "\(again.stdout)")
    }

    @Test func aSavedPlanIsRefusedOnceLiveStateMoved() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        #expect(try await run(workspace, ["plan", "sites", "--sandbox", "--out", "plan.json"]).exitCode == 0)
        // Someone deletes a webhook by hand between review and merge.
        let state = String(decoding: try workspace.read(".ztahooks/sandbox.json"), as: UTF8.self)
        let moved = state.replacingOccurrences(of: "\"wh_stale\"", with: "\"wh_stale_moved\"")
        try workspace.write(".ztahooks/sandbox.json", moved)
        let result = try await run(workspace, ["apply", "sites", "--sandbox", "--plan", "plan.json", "--auto-approve"])
        #expect(result.exitCode == 3)
        #expect(result.stderr.contains("live webhooks changed since plan.json was made, on site site_shop; nothing was changed."))
        #expect(String(decoding: try workspace.read(".ztahooks/sandbox.json"), as: UTF8.self) == moved)
    }

    @Test func aFreshSavedPlanIsAppliedAsReviewed() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        #expect(try await run(workspace, ["plan", "sites", "--sandbox", "--out", "plan.json"]).exitCode == 0)
        let result = try await run(workspace, ["apply", "sites", "--sandbox", "--plan", "plan.json", "--auto-approve"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Apply: 2 created, 1 replaced, 1 deleted."))
    }

    /// A plan file is plain JSON: one edited after review (a delete slipped in) is refused, since
    /// it is not the plan its site files and the live webhooks give.
    @Test func anEditedSavedPlanIsRefusedAndNothingChanges() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        #expect(try await run(workspace, ["plan", "sites", "--sandbox", "--out", "plan.json"]).exitCode == 0)
        var plan = try JSONSerialization.jsonObject(with: workspace.read("plan.json")) as! [String: Any]
        var sites = plan["sites"] as! [[String: Any]]
        let blog = try #require(sites.firstIndex { $0["siteId"] as? String == "site_blog" })
        var actions = sites[blog]["actions"] as! [[String: Any]]
        actions.append(["action": "delete", "id": "wh_other", "url": "https://other.example.com/zta", "events": ["goal"], "reasons": ["edited in"]])
        sites[blog]["actions"] = actions
        plan["sites"] = sites
        try workspace.write("plan.json", String(decoding: try JSONSerialization.data(withJSONObject: plan), as: UTF8.self))
        let before = try workspace.read(".ztahooks/sandbox.json")
        let result = try await run(workspace, ["apply", "sites", "--sandbox", "--plan", "plan.json", "--auto-approve"])
        #expect(result.exitCode == 3, "\(result.stderr)")
        #expect(result.stderr.contains("plan.json does not hold the plan its site files and the live webhooks give now (site site_blog)"))
        #expect(try workspace.read(".ztahooks/sandbox.json") == before)
    }

    /// The saved plan names its site files; apply from a subdirectory, given no PATH, reads the
    /// same files (not every YAML file under where it runs).
    @Test func aSavedPlanIsAppliedFromAnotherDirectoryWithTheFilesItWasMadeFrom() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try FileManager.default.createDirectory(at: workspace.root.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try workspace.write("elsewhere/other-tool.yaml", "kind: Deployment\n")
        #expect(try await run(workspace, ["plan", "sites", "--sandbox", "--out", "plan.json"]).exitCode == 0)
        let saved = try JSONSerialization.jsonObject(with: workspace.read("plan.json")) as! [String: Any]
        #expect((saved["source"] as? [String: Any])?["paths"] as? [String] == ["sites"])
        // The sandbox keeps its state in the working directory: link it for the subdirectory.
        try FileManager.default.createSymbolicLink(atPath: workspace.root.appendingPathComponent("elsewhere/.ztahooks").path,
                                                   withDestinationPath: "../.ztahooks")
        let result = try await BinaryRunner.run(["apply", "--sandbox", "--plan", "../plan.json", "--auto-approve"],
                                          in: workspace.root.appendingPathComponent("elsewhere"))
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Apply: 2 created, 1 replaced, 1 deleted."))
        #expect(!result.stderr.contains("other-tool.yaml"))
    }

    @Test func guardsRefuseWithExit3AndNameTheirFlag() async throws {
        let emptied = "site: site_shop\nwebhooks: []\n"
        let workspace = try Workspace(shop: emptied)
        defer { workspace.remove() }
        let refused = try await run(workspace, ["apply", "sites", "--sandbox", "--auto-approve"])
        #expect(refused.exitCode == 3)
        #expect(refused.stderr.contains("re-run with --allow-empty if it is meant"))
        let tooMany = try await run(workspace, ["apply", "sites", "--sandbox", "--auto-approve", "--allow-empty", "--max-deletes", "2"])
        #expect(tooMany.exitCode == 3)
        #expect(tooMany.stderr.contains("the plan deletes 3 webhooks, more than --max-deletes 2 allows"))
        #expect(try await liveState(workspace).count == 4)

        let allowed = try await run(workspace, ["apply", "sites", "--sandbox", "--auto-approve", "--allow-empty"])
        #expect(allowed.exitCode == 0, "\(allowed.stderr)")
        #expect(try await liveState(workspace).filter { $0.siteId == "site_shop" }.isEmpty)
    }

    @Test func invalidSiteFilesStopApplyBeforeAnythingChanges() async throws {
        let workspace = try Workspace(blog: "site: site_blog\nwebhooks:\n  - name: Bad Name\n")
        defer { workspace.remove() }
        let before = try workspace.read(".ztahooks/sandbox.json")
        let result = try await run(workspace, ["apply", "sites", "--sandbox", "--auto-approve"])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("sites/blog.yaml:3:"))
        #expect(result.stderr.contains("fix them first. Nothing was changed."))
        #expect(try workspace.read(".ztahooks/sandbox.json") == before)
    }

    @Test func rotateMintsANewSecretAndSaysWhoNeedsIt() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try await run(workspace, ["rotate", "site_shop/ops-alerts", "--path", "sites", "--sandbox", "--auto-approve"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Receivers of site_shop/ops-alerts (https://hooks.example.com/zta/alerts) need the new secret "
            + "from .ztahooks/sandbox-secrets.json (look it up by the delivery's X-ZTA-Webhook-ID)."))
        let live = try await liveState(workspace)
        #expect(!live.contains { $0.id == "wh_alerts" })
        let rotated = try #require(live.first { $0.url == "https://hooks.example.com/zta/alerts" })
        #expect(try secrets(workspace).entry(id: rotated.id)?.secret == rotated.secret)
        // Only the named webhook changed: the pending create of `fresh` is left for apply.
        #expect(!live.contains { $0.url == "https://hooks.example.com/zta/fresh" })
    }

    @Test func rotateRejectsATargetThatIsNotSiteSlashName() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try await run(workspace, ["rotate", "ops-alerts", "--sandbox"])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("name at least one webhook as SITE/NAME (for example site_abc123/ops-alerts)"))
    }
}

/// GitHub Actions' job summary: plan and apply append their Markdown when the variable is set.
struct StepSummaryCommandTests {
    @Test func planAndApplyAppendTheirMarkdownToTheJobSummary() async throws {
        let workspace = try PlanCommandTests.Workspace()
        defer { workspace.remove() }
        let summary = workspace.root.appendingPathComponent("summary.md").path
        let env = ["GITHUB_STEP_SUMMARY": summary]
        let plan = try await BinaryRunner.run(["plan", "sites", "--sandbox"], in: workspace.root, environment: env)
        #expect(plan.exitCode == 0, "\(plan.stderr)")
        let afterPlan = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(afterPlan.hasPrefix("### ztahooks plan\n\n**2 to create, 1 to replace, 1 to delete**"))

        let apply = try await BinaryRunner.run(["apply", "sites", "--sandbox", "--auto-approve"], in: workspace.root, environment: env)
        #expect(apply.exitCode == 0, "\(apply.stderr)")
        let afterApply = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(afterApply.hasPrefix(afterPlan))
        #expect(afterApply.contains("Apply: 2 created, 1 replaced, 1 deleted."))
        #expect(!afterApply.contains("whsec_"))
    }
}
