import Foundation
import Testing
@testable import ZTAHooksCore

/// Disk faults injected at every step: nothing acknowledged is lost, and the store stops.
///
/// Serialized: the tests that hold an fsync open may hold a thread of the cooperative pool
/// with it (as a writing task waits for its batch), and two at once could hold all of them.
@Suite(.serialized) struct SecretsStoreFaultTests {
    let path = "/state/secrets.json"

    @Test func aFullDiskOnAppendStopsTheStoreAndKeepsEarlierRecords() async throws {
        let io = SecretsFakeFileIO()
        let store = try SecretsStore.open(path: path, io: io)
        try await store.recordCreated(SecretsFixtures.entry("site_abc123", "a", id: "wh_a"), intentId: "int_1")
        io.fail(.append)
        let error = await #expect(throws: SecretsStoreError.self) {
            try await store.recordCreated(SecretsFixtures.entry("site_abc123", "b", id: "wh_b"), intentId: "int_2")
        }
        #expect(error?.message == "could not make the secret of site_abc123/b durable in \(path): No space left on device; nothing after this was attempted")
        io.heal()
        let refused = await #expect(throws: SecretsStoreError.self) {
            try await store.recordIntent(SecretsFixtures.intent("int_3", name: "c"))
        }
        #expect(refused?.message == "did not record the intent to create site_abc123/c: an earlier write to \(path) failed (No space left on device); nothing after that failure is attempted")
        #expect(io.count(.append) == 2)

        // A crash now: the journal, torn line and all, still gives back the acknowledged record.
        let afterCrash = try SecretsStore.read(path: path, io: io)
        #expect(afterCrash.entries.map(\.id) == ["wh_a"])
    }

    @Test func aFailingFsyncIsNotDurableEither() async throws {
        let io = SecretsFakeFileIO()
        let store = try SecretsStore.open(path: path, io: io)
        try await store.recordIntent(SecretsFixtures.intent("int_1"))
        io.fail(.sync, with: SecretsFakeFileIO.ioError)
        let error = await #expect(throws: SecretsStoreError.self) {
            try await store.recordCreated(SecretsFixtures.entry(), intentId: "int_1")
        }
        #expect(error?.message == "could not make the secret of site_abc123/ops-alerts durable in \(path): Input/output error; nothing after this was attempted")
    }

    @Test func closeAfterARecoveredDiskSavesWhatTheServerDid() async throws {
        let io = SecretsFakeFileIO()
        let store = try SecretsStore.open(path: path, io: io)
        try await store.recordIntent(SecretsFixtures.intent("int_1"))
        io.fail(.append)
        _ = try? await store.recordCreated(SecretsFixtures.entry(), intentId: "int_1")
        _ = try? await store.recordIntent(SecretsFixtures.intent("int_2", name: "never-sent"))
        io.heal()
        try await store.close()
        // The secret the API returned is kept once the disk takes writes again; the intent whose
        // create was never sent is not.
        let saved = try SecretsStore.read(path: path, io: io)
        #expect(saved == SecretsSnapshot(entries: [SecretsFixtures.entry()]))
        #expect(io.contents(path + ".journal") == nil)
    }

    @Test func aFailedFoldAtCloseKeepsTheJournalForTheNextRun() async throws {
        let io = SecretsFakeFileIO()
        let store = try SecretsStore.open(path: path, io: io)
        try await store.recordCreated(SecretsFixtures.entry(), intentId: "int_1")
        io.fail(.writeFile)
        let error = await #expect(throws: SecretsStoreError.self) { try await store.close() }
        #expect(error?.message == "could not write the secrets file \(path): No space left on device; every recorded secret is kept in \(path).journal, and the next run folds it in")
        #expect(io.contents(path + ".tmp") == nil)
        #expect(io.contents(path) == nil)
        io.heal()
        let reopened = try SecretsStore.open(path: path, io: io)
        #expect(await reopened.snapshot.entries == [SecretsFixtures.entry()])
        #expect(reopened.recovery.replayedRecords == 1)
    }

    @Test func aFailedRenameAtOpenLeavesTheOldFileAndReleasesTheLock() throws {
        let io = SecretsFakeFileIO()
        let old = SecretsFileCodec.encode(SecretsSnapshot(entries: [SecretsFixtures.entry("s", "old", id: "wh_old")]))
        io.setContents(path, old)
        io.setContents(path + ".journal", SecretsJournalTests.journal([.retired(siteId: "s", id: "wh_old", at: "2024-12-20T09:00:00.000Z", reason: "deleted by apply")]))
        io.fail(.rename, with: SecretsFakeFileIO.ioError)
        let error = #expect(throws: SecretsStoreError.self) { try SecretsStore.open(path: path, io: io) }
        #expect(error == .foldFailed(file: path, journal: path + ".journal", reason: "Input/output error"))
        #expect(io.contents(path) == old)
        io.heal()
        let store = try SecretsStore.open(path: path, io: io)
        #expect(store.recovery.replayedRecords == 1)
        #expect(try SecretsFileCodec.decode(io.contents(path) ?? []).entries.isEmpty)
    }

    @Test func openRemovesATemporaryFileLeftByACrashMidFold() throws {
        let io = SecretsFakeFileIO()
        io.setContents(path + ".tmp", Array("{\n  \"version\": 1,".utf8))
        _ = try SecretsStore.open(path: path, io: io)
        #expect(io.contents(path + ".tmp") == nil)
    }

    @Test func aFailedFoldDuringTheRunStopsRecording() async throws {
        let io = SecretsFakeFileIO()
        let store = try SecretsStore.open(path: path, io: io, minimumFoldBytes: 100)
        io.fail(.rename)
        // This record is durable in the journal; the fold after it fails.
        try await store.recordCreated(SecretsFixtures.entry(), intentId: "int_1")
        let error = await #expect(throws: SecretsStoreError.self) {
            try await store.recordIntent(SecretsFixtures.intent("int_2"))
        }
        #expect(error == .refused(what: "the intent to create site_abc123/ops-alerts", file: path, reason: "No space left on device"))
        #expect(try SecretsStore.read(path: path, io: io).entries == [SecretsFixtures.entry()])
    }

    @Test func recordsAfterCloseAreRefused() async throws {
        let io = SecretsFakeFileIO()
        let store = try SecretsStore.open(path: path, io: io)
        try await store.close()
        await #expect(throws: SecretsStoreError.closed(file: path)) {
            try await store.recordRetired(siteId: "s", id: "wh_1", reason: RetirementReason.deleted, at: Date())
        }
    }

    @Test func noErrorOrDescriptionCarriesASecret() async throws {
        let io = SecretsFakeFileIO()
        let store = try SecretsStore.open(path: path, io: io)
        io.fail(.append)
        let error = await #expect(throws: SecretsStoreError.self) {
            try await store.recordCreated(SecretsFixtures.entry(secret: "whsec_topsecret"), intentId: "int_1")
        }
        #expect(error.map { "\($0) \($0.message) \(String(reflecting: $0))" }?.contains("whsec_") == false)
        #expect("\(await store.snapshot)".contains("whsec_") == false)
    }

    /// A store whose every fsync waits until the test opens the gate, batches waiting on the pool or not.
    private func storeWithClosedSyncGate(waitingOnThePool: Bool) async throws -> (SecretsFakeFileIO, SecretsStore, SecretsGate) {
        let io = SecretsFakeFileIO()
        let store = try SecretsStore.open(path: path, io: io)
        await store.waitForBatches(onThePool: waitingOnThePool)
        let gate = SecretsGate()
        io.beforeSync = { gate.waitIfClosed() }
        gate.close()
        return (io, store, gate)
    }

    @Test(arguments: [true, false])
    func concurrentRecordsShareOneFsyncAndAllReturnDurable(waitingOnThePool: Bool) async throws {
        let (io, store, gate) = try await storeWithClosedSyncGate(waitingOnThePool: waitingOnThePool)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<200 {
                group.addTask {
                    try await store.recordCreated(SecretsFixtures.entry("site_\(index)", "hook", id: "wh_\(index)"), intentId: "int_\(index)")
                }
            }
            // The first batch's fsync is held open until every other record has queued behind it.
            while await store.queued.count + journalLines(io) < 200 { try await Task.sleep(for: .milliseconds(5)) }
            gate.open()
            try await group.waitForAll()
        }
        #expect(io.count(.sync) == 2)
        #expect(try SecretsStore.read(path: path, io: io).entries.count == 200)
        #expect(await store.snapshot.entries.count == 200)
    }

    /// The first caller writes its batch itself; a failing fsync there must fail it and refuse
    /// everyone who queued behind it, and acknowledge none of them.
    @Test(arguments: [true, false])
    func aFailedFsyncUnderTheFirstCallerRefusesEveryCallQueuedBehindIt(waitingOnThePool: Bool) async throws {
        let (io, store, gate) = try await storeWithClosedSyncGate(waitingOnThePool: waitingOnThePool)
        io.fail(.sync, with: SecretsFakeFileIO.ioError)
        // What each call came to: "acknowledged" or its error's message.
        @Sendable func record(_ site: String) async -> String {
            do throws(SecretsStoreError) {
                try await store.recordCreated(SecretsFixtures.entry(site, "hook", id: "wh_\(site)"), intentId: "int_\(site)")
                return "acknowledged"
            } catch {
                return error.message
            }
        }
        let messages = try await withThrowingTaskGroup(of: String.self) { group in
            group.addTask { await record("site_first") }
            // The first record is in its fsync before the others queue.
            while io.count(.append) == 0 { try await Task.sleep(for: .milliseconds(5)) }
            for index in 0..<20 {
                group.addTask { await record("site_\(index)") }
            }
            while await store.queued.count < 20 { try await Task.sleep(for: .milliseconds(5)) }
            gate.open()
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(messages.count == 21)
        #expect(messages.filter { $0.hasPrefix("could not make the secret of site_first/hook durable") }.count == 1)
        #expect(messages.filter { $0.contains("an earlier write to \(path) failed (Input/output error)") }.count == 20)
        #expect(io.count(.append) == 1)
    }
}

private func journalLines(_ io: SecretsFakeFileIO) -> Int {
    (io.contents("/state/secrets.json.journal") ?? []).filter { $0 == UInt8(ascii: "\n") }.count
}

/// Holds a blocking call until the test opens it.
final class SecretsGate: @unchecked Sendable {
    private let condition = NSCondition()
    private var isClosed = false

    func close() { condition.withLock { isClosed = true } }

    func open() {
        condition.withLock {
            isClosed = false
            condition.broadcast()
        }
    }

    func waitIfClosed() {
        condition.withLock {
            while isClosed { condition.wait() }
        }
    }
}
