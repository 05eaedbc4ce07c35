import Foundation
import Testing
import ZTAHooksCore
import ZTASim

/// A secrets file whose disk fills up after a number of records.
actor FillingDisk: SecretsRecorder {
    private var entries: [SecretEntry] = []
    private var intents: [CreateIntent] = []
    private var recordsLeft: Int

    init(recordsBeforeFull: Int) {
        recordsLeft = recordsBeforeFull
    }

    var snapshot: SecretsSnapshot { SecretsSnapshot(entries: entries, unresolvedIntents: intents) }

    private func write(_ what: String) throws(SecretsStoreError) {
        guard recordsLeft > 0 else {
            throw .notDurable(what: what, file: "secrets.json", reason: "No space left on device")
        }
        recordsLeft -= 1
    }

    func recordIntent(_ intent: CreateIntent) throws(SecretsStoreError) {
        try write("the intent to create \(intent.siteId)/\(intent.name)")
        intents.append(intent)
    }

    func recordCreated(_ entry: SecretEntry, intentId: String) throws(SecretsStoreError) {
        try write("the secret of \(entry.siteId)/\(entry.name)")
        entries.append(entry)
        intents.removeAll { $0.intentId == intentId }
    }

    func recordCreateFailed(intentId: String) throws(SecretsStoreError) {
        try write("a failed create")
        intents.removeAll { $0.intentId == intentId }
    }

    func recordRetired(siteId: String, id: String, reason: String, at: Date) throws(SecretsStoreError) {
        try write("the retirement of \(id)")
        entries.removeAll { $0.id == id }
    }

    func recordRestored(siteId: String, id: String) throws(SecretsStoreError) {
        try write("the restoration of \(id)")
    }

    func isRecorded(id: String) -> Bool { entries.contains { $0.id == id } }

    func recordHandedOff(siteId: String, id: String) throws(SecretsStoreError) {
        try write("the hand-off of \(id)")
        if let index = entries.firstIndex(where: { $0.id == id }) { entries[index].handedOff = nil }
    }

    func resolveIntents(siteId: String, url identity: String) {}
}

struct ApplyDiskFailureTests {
    @Test func aFullDiskStopsEverySiteBeforeItsNextCreateAndKeepsWhatWasWritten() async throws {
        let fixture = try await SandboxFixture.start()
        defer { Task { await fixture.stop() } }
        let sites = SandboxFixture.sites(4, webhooks: 5)
        let plan = try await fixture.plan(sites)
        // Room for three creates (intent + secret each) and one more intent.
        let disk = FillingDisk(recordsBeforeFull: 7)
        let report = await Applier(api: fixture.api, secrets: disk, concurrency: 1).apply(plan, live: [:])

        #expect(report.halted?.contains("No space left on device") == true)
        #expect(report.count(.create) == 3)
        // The fourth webhook was created but its secret could not be kept: the intent stays,
        // so the next plan replaces it. No fifth POST was sent.
        #expect(await fixture.server.stats.count(method: "POST") == 4)
        let kept = await disk.snapshot
        #expect(kept.entries.count == 3)
        #expect(kept.unresolvedIntents.count == 1)
        // Sites that had not started were not attempted at all.
        #expect(report.skipped == 20 - 4)

        let live = await fixture.api.listAll(sites: sites.map(\.site), concurrency: 4)
        let next = Planner.plan(sites: sites, live: live, secrets: kept)
        let lost = next.sites.flatMap(\.actions).filter { $0.kind == .replace }
        #expect(lost.count == 1)
        #expect(lost.first?.reasons.first?.hasPrefix("created by an interrupted apply") == true)
    }
}
