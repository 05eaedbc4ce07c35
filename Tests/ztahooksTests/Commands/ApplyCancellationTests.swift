import Foundation
import Testing
import ZTAHooksCore

/// SIGINT and SIGTERM mid-apply, as a cancelled or timed-out CI job sends them, through the
/// binary against an emulator in its own process.
@Suite(.serialized)
struct ApplyCancellationTests {
    /// A directory with `sites` site files of `webhooks` webhooks each, and an emulator.
    final class Setup {
        let root: URL
        let emulator: BackgroundProcess
        let apiURL: String

        init(sites: Int, webhooks: Int, latencyMs: Int) throws {
            root = try BinaryRunner.temporaryDirectory()
            try FileManager.default.createDirectory(at: root.appendingPathComponent("sites"), withIntermediateDirectories: true)
            for s in 0..<sites {
                var text = "site: site_sig\(s)\nwebhooks:\n"
                for w in 0..<webhooks {
                    text += "  - name: hook-\(w)\n    url: https://hooks.example.com/sig/\(s)/\(w)\n    events: [alert]\n"
                }
                try Data(text.utf8).write(to: root.appendingPathComponent("sites/site\(s).yaml"))
            }
            (emulator, apiURL) = try BackgroundProcess.emulator(in: root, ["--latency-ms", "\(latencyMs)"])
        }

        deinit {
            emulator.signal(SIGKILL)
            emulator.wait()
            try? FileManager.default.removeItem(at: root)
        }

        var secretsPath: String { root.appendingPathComponent("secrets.json").path }

        func apply(environment: [String: String] = [:]) throws -> BackgroundProcess {
            try BackgroundProcess(
                ["apply", "sites", "--api-url", apiURL, "--secrets-file", "secrets.json", "--auto-approve", "--concurrency", "2"],
                in: root, environment: ["ZTA_API_TOKEN": "test-token"].merging(environment) { $1 })
        }

        /// Every webhook the emulator holds, with its secret.
        func live() throws -> [(id: String, secret: String)] {
            let data = try Data(contentsOf: URL(string: apiURL + "/_sim/state")!)
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            return (object?["webhooks"] as? [[String: Any]] ?? []).map { ($0["id"] as? String ?? "", $0["secret"] as? String ?? "") }
        }

        /// The secrets file alone, as a CI job that saves only it would keep it.
        func savedFile() throws -> SecretsSnapshot {
            try SecretsStore.read(path: secretsPath)
        }
    }

    @Test(arguments: [(Int32(2), Int32(130)), (Int32(15), Int32(143))])  // SIGINT, SIGTERM
    func aSignalFinishesTheRequestsInFlightFoldsTheJournalAndExits(signal: Int32, status: Int32) throws {
        let setup = try Setup(sites: 4, webhooks: 5, latencyMs: 120)
        let apply = try setup.apply()
        #expect(apply.waitFor("+ created"), "apply never created anything: \(apply.stderr)")
        apply.signal(signal)
        #expect(apply.wait() == status, "\(apply.stderr)")
        #expect(apply.stderr.contains("starting no new change"))
        #expect(apply.stderr.contains("Re-run apply to finish"))

        // The secrets file alone is complete: no journal, and every live webhook's secret in it.
        #expect(!FileManager.default.fileExists(atPath: setup.secretsPath + ".journal"))
        let saved = try setup.savedFile()
        let live = try setup.live()
        #expect(!live.isEmpty && live.count < 20, "the stop did not stop anything: \(live.count) live")
        for webhook in live {
            #expect(saved.entries.first { $0.id == webhook.id }?.secret == webhook.secret, "\(webhook.id) has no saved secret")
        }
        #expect(saved.unresolvedIntents.isEmpty)

        // The lock is free at once and the next run finishes the job.
        let again = try setup.apply()
        #expect(again.wait() == 0, "\(again.stderr)")
        #expect(try setup.live().count == 20)
        #expect(try setup.savedFile().entries.count == 20)
    }

    @Test func aSecondSignalStopsWaitingSavesWhatWasRecordedAndTheNextRunConverges() throws {
        let setup = try Setup(sites: 3, webhooks: 4, latencyMs: 1500)
        let apply = try setup.apply()
        #expect(apply.waitFor("+ created"), "apply never created anything: \(apply.stderr)")
        let started = Date()
        apply.signal(SIGTERM)
        usleep(200_000)
        apply.signal(SIGTERM)
        #expect(apply.wait() == 143, "\(apply.stderr)")
        #expect(Date().timeIntervalSince(started) < 1.4, "it waited for the requests in flight")
        #expect(apply.stderr.contains("Stopping now (a second signal (SIGTERM))"))
        #expect(!FileManager.default.fileExists(atPath: setup.secretsPath + ".journal"))
        // Creates still in flight left durable intents in the file itself.
        let saved = try setup.savedFile()
        #expect(!saved.entries.isEmpty)

        // Wait for the abandoned requests to land at the emulator, then converge.
        usleep(1_700_000)
        let again = try setup.apply()
        #expect(again.wait() == 0, "\(again.stderr)")
        let live = try setup.live()
        #expect(live.count == 12)
        let final = try setup.savedFile()
        for webhook in live { #expect(final.entries.first { $0.id == webhook.id }?.secret == webhook.secret) }
        #expect(final.unresolvedIntents.isEmpty)
    }

    @Test func aSignalBeforeAnyChangeExitsAtOnceHavingChangedNothing() throws {
        let setup = try Setup(sites: 40, webhooks: 1, latencyMs: 300)
        let apply = try setup.apply()
        usleep(400_000)
        apply.signal(SIGINT)
        #expect(apply.wait() == 130, "\(apply.stderr)")
        #expect(apply.stderr.contains("Stopped by SIGINT before any change; nothing was changed."))
        #expect(try setup.live().isEmpty)
    }
}
