import Foundation
import TestSupport
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

        init(sites: Int, webhooks: Int, latencyMs: Int) async throws {
            root = try BinaryRunner.temporaryDirectory()
            try FileManager.default.createDirectory(at: root.appendingPathComponent("sites"), withIntermediateDirectories: true)
            for s in 0..<sites {
                var text = "site: site_sig\(s)\nwebhooks:\n"
                for w in 0..<webhooks {
                    text += "  - name: hook-\(w)\n    url: https://hooks.example.com/sig/\(s)/\(w)\n    events: [alert]\n"
                }
                try Data(text.utf8).write(to: root.appendingPathComponent("sites/site\(s).yaml"))
            }
            (emulator, apiURL) = try await BackgroundProcess.emulator(in: root, ["--latency-ms", "\(latencyMs)"])
        }

        deinit {
            emulator.stop()
            try? FileManager.default.removeItem(at: root)
        }

        var secretsPath: String { root.appendingPathComponent("secrets.json").path }

        func apply(environment: [String: String] = [:]) async throws -> BackgroundProcess {
            try BackgroundProcess(
                ["apply", "sites", "--api-url", apiURL, "--secrets-file", "secrets.json", "--auto-approve", "--concurrency", "2"],
                in: root, environment: ["ZTA_API_TOKEN": "test-token"].merging(environment) { $1 })
        }

        /// Returns once the emulator has received a request.
        func waitForFirstRequest() async throws {
            while try await LoopbackHTTP.emulatorRequests(apiURL) == 0 { try await Task.sleep(for: .milliseconds(5)) }
        }

        /// Every webhook the emulator holds, with its secret.
        func live() async throws -> [(id: String, secret: String)] {
            let data = try await LoopbackHTTP.get(apiURL + "/_sim/state")
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            return (object?["webhooks"] as? [[String: Any]] ?? []).map { ($0["id"] as? String ?? "", $0["secret"] as? String ?? "") }
        }

        /// The secrets file alone, as a CI job that saves only it would keep it.
        func savedFile() async throws -> SecretsSnapshot {
            try SecretsStore.read(path: secretsPath)
        }
    }

    @Test(arguments: [(Int32(2), Int32(130)), (Int32(15), Int32(143))])  // SIGINT, SIGTERM
    func aSignalFinishesTheRequestsInFlightFoldsTheJournalAndExits(signal: Int32, status: Int32) async throws {
        // Slow answers: after the first create, seconds of work are left for the signal to cut short.
        let setup = try await Setup(sites: 4, webhooks: 5, latencyMs: 400)
        let apply = try await setup.apply()
        #expect(await apply.waitFor("+ created"), "apply never created anything: \(apply.stderr)")
        apply.signal(signal)
        #expect(await apply.wait() == status, "\(apply.stderr)")
        #expect(apply.stderr.contains("starting no new change"))
        #expect(apply.stderr.contains("Re-run apply to finish"))

        // The secrets file alone is complete: no journal, and every live webhook's secret in it.
        #expect(!FileManager.default.fileExists(atPath: setup.secretsPath + ".journal"))
        let saved = try await setup.savedFile()
        let live = try await setup.live()
        #expect(!live.isEmpty && live.count < 20, "the stop did not stop anything: \(live.count) live")
        for webhook in live {
            #expect(saved.entries.first { $0.id == webhook.id }?.secret == webhook.secret, "\(webhook.id) has no saved secret")
        }
        #expect(saved.unresolvedIntents.isEmpty)

        // The lock is free at once and the next run finishes the job.
        let again = try await setup.apply()
        #expect(await again.wait() == 0, "\(again.stderr)")
        #expect(try await setup.live().count == 20)
        #expect(try await setup.savedFile().entries.count == 20)
    }

    @Test func aSecondSignalStopsWaitingSavesWhatWasRecordedAndTheNextRunConverges() async throws {
        let setup = try await Setup(sites: 3, webhooks: 4, latencyMs: 1500)
        let apply = try await setup.apply()
        #expect(await apply.waitFor("+ created"), "apply never created anything: \(apply.stderr)")
        apply.signal(SIGTERM)
        try await Task.sleep(for: .microseconds(200_000))
        apply.signal(SIGTERM)
        #expect(await apply.wait() == 143, "\(apply.stderr)")
        #expect(apply.stderr.contains("Stopping now (a second signal (SIGTERM))"))
        #expect(!FileManager.default.fileExists(atPath: setup.secretsPath + ".journal"))
        // Creates still in flight left durable intents in the file itself.
        let saved = try await setup.savedFile()
        #expect(!saved.entries.isEmpty)

        // Wait for the abandoned requests to land at the emulator, then converge.
        try await Task.sleep(for: .microseconds(1_700_000))
        let again = try await setup.apply()
        #expect(await again.wait() == 0, "\(again.stderr)")
        let live = try await setup.live()
        #expect(live.count == 12)
        let final = try await setup.savedFile()
        for webhook in live { #expect(final.entries.first { $0.id == webhook.id }?.secret == webhook.secret) }
        #expect(final.unresolvedIntents.isEmpty)
    }

    @Test func aSignalBeforeAnyChangeExitsAtOnceHavingChangedNothing() async throws {
        let setup = try await Setup(sites: 40, webhooks: 1, latencyMs: 300)
        let apply = try await setup.apply()
        // The first listing reaches the emulator after the signal trap is in place, and the first
        // create cannot follow before every site's listing is answered (300 ms each, 8 at a time).
        try await setup.waitForFirstRequest()
        apply.signal(SIGINT)
        #expect(await apply.wait() == 130, "\(apply.stderr)")
        #expect(apply.stderr.contains("Stopped by SIGINT before any change; nothing was changed."))
        #expect(try await setup.live().isEmpty)
    }
}
