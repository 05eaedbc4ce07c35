import Foundation
import Testing
import ZTAHooksCore

/// The sandbox's emulator state file (`.ztahooks/sandbox.json` and its log) through the binary:
/// a SIGKILL mid-apply loses no webhook whose secret was stored, and a clean end folds the log.
struct SandboxStateCommandTests {
    /// 400 sites of 10 webhooks: enough creates that a kill soon after the first lands mid-apply
    /// (a debug build made about 900 creates a second on the sandbox on 2 cores).
    private func workspace() async throws -> URL {
        let root = try BinaryRunner.temporaryDirectory()
        for site in 1...400 {
            let hooks = (1...10).map { "  - name: hook-\($0)\n    url: https://hooks.example.com/\(site)/\($0)\n    events: [alert]\n" }
            try BinaryRunner.write("site: site_\(site)\nwebhooks:\n" + hooks.joined(), to: "sites/s\(site).yaml", under: root)
        }
        return root
    }

    @Test func aKilledSandboxApplyKeepsEveryStoredWebhookAndACleanOneFoldsTheLog() async throws {
        let root = try await workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let apply = ["apply", "sites", "--sandbox", "--auto-approve"]
        // SIGKILL, in-process emulator and all, once the first secret is stored (its line is
        // printed after it is durable); whether or not it landed mid-apply the check holds.
        let killed = try BackgroundProcess(apply, in: root)
        #expect(await killed.waitFor("+ created", timeout: 120))
        _ = await killed.wait(timeout: 0)
        let stored = try SecretsStore.read(path: root.appendingPathComponent(".ztahooks/sandbox-secrets.json").path).entries
        let live = try SandboxStateFile.secrets(under: root)
        // Usually mid-apply; on a loaded machine it may land after the last create, and the check
        // still holds (scripts/kill-test kills at random instants, many times).
        #expect(!stored.isEmpty, "the kill came before any create: nothing was checked")
        for entry in stored {
            #expect(live[entry.id] != nil && live[entry.id] == entry.secret, "\(entry.id) is stored but not in the emulator's state")
        }

        let again = try await BinaryRunner.run(apply, in: root, timeLimit: .seconds(120))
        #expect(again.exitCode == 0, "\(again.stderr)")
        let log = root.appendingPathComponent(".ztahooks/sandbox.json.log").path
        #expect((try FileManager.default.attributesOfItem(atPath: log)[.size] as? NSNumber)?.intValue == 0)
        let folded = try Data(contentsOf: root.appendingPathComponent(".ztahooks/sandbox.json"))
        let webhooks = (try JSONSerialization.jsonObject(with: folded) as? [String: Any])?["webhooks"] as? [[String: Any]]
        #expect(webhooks?.count == 4_000)

        // A run that changes nothing leaves both files as they are.
        let plan = try await BinaryRunner.run(["plan", "sites", "--sandbox", "--detailed-exitcode"], in: root, timeLimit: .seconds(120))
        #expect(plan.exitCode == 0, "\(plan.stdout)")
        #expect(try Data(contentsOf: root.appendingPathComponent(".ztahooks/sandbox.json")) == folded)
        #expect((try FileManager.default.attributesOfItem(atPath: log)[.size] as? NSNumber)?.intValue == 0)
    }
}
