import Foundation
import Testing
@testable import ZTAHooksCore

/// The store on the real file system: layout, modes, lock, recovery after a crash.
struct SecretsStoreTests {
    @Test func createsTheDirectoryAndWritesPrivateFilesOnClose() async throws {
        let root = SecretsFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/.ztahooks/secrets.json"
        let store = try SecretsStore.open(path: path)
        #expect(SecretsFixtures.mode(root + "/.ztahooks") == 0o700)
        try await store.recordIntent(SecretsFixtures.intent("int_1"))
        try await store.recordCreated(SecretsFixtures.entry(), intentId: "int_1")
        #expect(SecretsFixtures.mode(path + ".journal") == 0o600)
        #expect(SecretsFixtures.mode(path + ".lock") == 0o600)
        try await store.close()

        #expect(SecretsFixtures.mode(path) == 0o600)
        #expect(!FileManager.default.fileExists(atPath: path + ".journal"))
        #expect(!FileManager.default.fileExists(atPath: path + ".tmp"))
        let snapshot = try SecretsStore.read(path: path)
        #expect(snapshot == SecretsSnapshot(entries: [SecretsFixtures.entry()]))
        #expect(SecretsFixtures.text(path)?.contains("pendingCreates") == false)
    }

    @Test func foldsAJournalLeftByACrashIncludingATornLastLine() throws {
        let root = SecretsFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/secrets.json"
        let old = SecretsFixtures.entry("site_abc123", "old", id: "wh_old")
        try Data(SecretsFileCodec.encode(SecretsSnapshot(entries: [old]))).write(to: URL(fileURLWithPath: path))
        var journal = SecretsJournalTests.journal([
            .intent(SecretsFixtures.intent("int_1", name: "new")),
            .created(SecretsFixtures.entry("site_abc123", "new", id: "wh_new"), intentId: "int_1"),
            .retired(siteId: "site_abc123", id: "wh_old", at: "2024-12-20T09:00:00.000Z", reason: "deleted by apply"),
            .intent(SecretsFixtures.intent("int_2", name: "lost")),
        ])
        journal += SecretsJournalCodec.encode(.created(SecretsFixtures.entry("site_abc123", "lost", id: "wh_lost"), intentId: "int_2")).prefix(40)
        try Data(journal).write(to: URL(fileURLWithPath: path + ".journal"))

        // Plan and drift read the crashed state without the lock.
        let seen = try SecretsStore.read(path: path)
        #expect(seen.entries.map(\.id) == ["wh_new"])
        #expect(seen.unresolvedIntents.map(\.intentId) == ["int_2"])

        let store = try SecretsStore.open(path: path)
        #expect(store.recovery.summary == "recovered 4 records from \(path).journal, left by an interrupted run; ignored its incomplete last line")
        // Folded before anything else: the file alone is complete, the journal is empty.
        #expect(FileManager.default.contents(atPath: path + ".journal")?.count == 0)
        let file = try SecretsFileCodec.decode(Array(FileManager.default.contents(atPath: path) ?? Data()))
        #expect(file == seen)
        #expect(SecretsFixtures.text(path)?.contains(#""intentId": "int_2""#) == true)
        #expect(SecretsFixtures.mode(path) == 0o600)
    }

    @Test func aStoreDroppedWithoutCloseLeavesEverythingForTheNextOpen() async throws {
        let root = SecretsFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/secrets.json"
        do {
            let store = try SecretsStore.open(path: path)
            try await store.recordIntent(SecretsFixtures.intent("int_1"))
            try await store.recordCreated(SecretsFixtures.entry(), intentId: "int_1")
            try await store.recordIntent(SecretsFixtures.intent("int_2", name: "billing"))
        }
        let store = try SecretsStore.open(path: path)
        let snapshot = await store.snapshot
        #expect(snapshot.entries == [SecretsFixtures.entry()])
        #expect(snapshot.unresolvedIntents == [SecretsFixtures.intent("int_2", name: "billing")])
        try await store.close()
        #expect(try SecretsStore.read(path: path) == snapshot)
    }

    @Test func intentsResolveByCreateByFailureAndByURL() async throws {
        let root = SecretsFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/secrets.json"
        let store = try SecretsStore.open(path: path)
        try await store.recordIntent(SecretsFixtures.intent("int_1", name: "a"))
        try await store.recordIntent(SecretsFixtures.intent("int_2", name: "b"))
        try await store.recordIntent(SecretsFixtures.intent("int_3", name: "c"))
        try await store.recordIntent(SecretsFixtures.intent("int_4", site: "site_other", name: "c"))
        try await store.recordCreated(SecretsFixtures.entry("site_abc123", "a", id: "wh_a"), intentId: "int_1")
        try await store.recordCreateFailed(intentId: "int_2")
        await store.resolveIntents(siteId: "site_abc123", url: "HTTPS://Hooks.Example.com:443/zta/c")
        #expect(await store.snapshot.unresolvedIntents.map(\.intentId) == ["int_4"])
        try await store.close()
        #expect(try SecretsStore.read(path: path).unresolvedIntents.map(\.intentId) == ["int_4"])
    }

    @Test func deletedWebhooksAreRetiredWithTheirSecrets() async throws {
        let root = SecretsFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/secrets.json"
        let store = try SecretsStore.open(path: path)
        try await store.recordCreated(SecretsFixtures.entry("site_abc123", "a", id: "wh_a"), intentId: "int_1")
        try await store.recordCreated(SecretsFixtures.entry("site_abc123", "b", id: "wh_b"), intentId: "int_2")
        let at = try #require(Timestamp.parse("2024-12-20T09:00:00.000Z"))
        try await store.recordRetired(siteId: "site_abc123", id: "wh_a", reason: RetirementReason.deleted, at: at)
        try await store.close()
        let read = try SecretsStore.read(path: path)
        #expect(read.entries.map(\.id) == ["wh_b"])
        let retired = try #require(read.retired.first)
        #expect(read.retired.count == 1)
        #expect(retired.entry.id == "wh_a")
        #expect(retired.entry.secret == SecretsFixtures.entry("site_abc123", "a", id: "wh_a").secret)
        #expect(retired.retiredAt == "2024-12-20T09:00:00.000Z")
        #expect(retired.reason == "deleted by apply")
    }

    @Test func adoptedEntriesKeepAnExplicitNullSecret() async throws {
        let root = SecretsFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/secrets.json"
        let store = try SecretsStore.open(path: path)
        try await store.recordAdopted([SecretsFixtures.entry("site_abc123", "a", id: "wh_a", secret: nil),
                                       SecretsFixtures.entry("site_abc123", "b", id: "wh_b", secret: nil)])
        try await store.close()
        let text = SecretsFixtures.text(path) ?? ""
        #expect(text.components(separatedBy: #""secret": null"#).count == 3)
        #expect(text.components(separatedBy: #""adopted": true"#).count == 3)
    }

    @Test func aSecondOpenFailsAtOnceNamingTheLock() async throws {
        let root = SecretsFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/secrets.json"
        let first = try SecretsStore.open(path: path)
        let error = #expect(throws: SecretsStoreError.self) { try SecretsStore.open(path: path) }
        // The second run names the first: this process, on this host.
        let message = try #require(error?.message)
        #expect(message.hasPrefix("another ztahooks run holds the lock \(path).lock by pid \(getpid()) on host "))
        #expect(message.hasSuffix("; wait for it to finish (or pass --lock-timeout 5m to wait), then run again"))
        try await first.close()
        let second = try SecretsStore.open(path: path)
        try await second.close()
    }

    @Test func readSeesTheRecordsOfARunningApply() async throws {
        let root = SecretsFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/secrets.json"
        let store = try SecretsStore.open(path: path)
        try await store.recordCreated(SecretsFixtures.entry(), intentId: "int_1")
        #expect(try SecretsStore.read(path: path).entries == [SecretsFixtures.entry()])
        try await store.close()
    }

    @Test func foldsDuringTheRunWhenTheJournalGrows() async throws {
        let root = SecretsFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/secrets.json"
        let store = try SecretsStore.open(path: path, minimumFoldBytes: 2_000)
        var journalled = 0
        for index in 0..<40 {
            let entry = SecretsFixtures.entry("site_abc123", "hook-\(index)", id: "wh_\(index)")
            try await store.recordCreated(entry, intentId: "int_\(index)")
            journalled += SecretsJournalCodec.encode(.created(entry, intentId: "int_\(index)")).count
        }
        // Folded while running: the file holds entries, and the journal was emptied at least once.
        let file = try SecretsFileCodec.decode(Array(FileManager.default.contents(atPath: path) ?? Data()))
        #expect(file.entries.count >= 10)
        #expect((FileManager.default.contents(atPath: path + ".journal")?.count ?? 0) < journalled)
        #expect(try SecretsStore.read(path: path).entries.count == 40)
        try await store.close()
        #expect(try SecretsStore.read(path: path).entries.count == 40)
    }

    @Test func reportsABadFileWithItsPath() throws {
        let root = SecretsFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/secrets.json"
        try Data(#"{"version": 2, "webhooks": []}"#.utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: SecretsStoreError.self) { try SecretsStore.open(path: path) }
        #expect(error?.message == "the secrets file \(path) has version 2; this ztahooks reads version 1 only, upgrade ztahooks")
        // The lock was released on the way out.
        try Data(SecretsFileCodec.encode(.empty)).write(to: URL(fileURLWithPath: path))
        _ = try SecretsStore.open(path: path)
    }
}
