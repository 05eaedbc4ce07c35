import Foundation
import Testing
@testable import ZTAHooksCore

/// Nothing recorded is erased by an answer: entries move to `retired` and come back, and a
/// file belongs to one API.
struct SecretsRetirementTests {
    typealias F = SecretsFixtures

    static let retiredAt = "2024-12-20T09:00:00.000Z"

    @Test func theFileCarriesItsAPIAndItsRetiredEntriesAndReadsThemBack() throws {
        var snapshot = SecretsSnapshot(entries: [F.entry(id: "wh_new")], api: "https://ztas.io")
        snapshot.retired = [RetiredEntry(entry: F.entry("site_abc123", "old", id: "wh_old"), retiredAt: Self.retiredAt, reason: "deleted by apply")]
        let text = String(decoding: SecretsFileCodec.encode(snapshot), as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"api\": \"https://ztas.io\",\n"))
        #expect(text.contains("""
                  "reason": "deleted by apply",
                  "retiredAt": "2024-12-20T09:00:00.000Z",
                  "secret": "whsec_xyz789",
            """))
        let keys = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]).keys.sorted()
        #expect(keys == ["api", "retired", "version", "webhooks"])
        #expect(try SecretsFileCodec.decode(Array(text.utf8)) == snapshot)
        // A file of an earlier version, without either, reads as bound to nothing with nothing retired.
        let old = try SecretsFileCodec.decode(Array(#"{"version": 1, "webhooks": []}"#.utf8))
        #expect(old.api == nil && old.retired.isEmpty)
    }

    @Test func retiredAndRestoredRecordsMoveAnEntryAndKeepItsSecret() {
        var state = SecretsState(SecretsSnapshot(entries: [F.entry(id: "wh_a")]))
        state.apply(.retired(siteId: "site_abc123", id: "wh_a", at: Self.retiredAt, reason: "no longer listed by the API"))
        #expect(state.snapshot.entries.isEmpty)
        #expect(state.snapshot.retired.map(\.entry) == [F.entry(id: "wh_a")])
        #expect(state.snapshot.retired.first?.reason == "no longer listed by the API")
        #expect(state.isRecorded(id: "wh_a"))
        // Replayed twice (a crash between a fold and the journal's truncation): the same state.
        state.apply(.retired(siteId: "site_abc123", id: "wh_a", at: "2030-01-01T00:00:00.000Z", reason: "other"))
        #expect(state.snapshot.retired.first?.retiredAt == Self.retiredAt)
        state.apply(.restored(siteId: "site_abc123", id: "wh_a"))
        #expect(state.snapshot.entries == [F.entry(id: "wh_a")])
        #expect(state.snapshot.retired.isEmpty)
        #expect(state.isRecorded(id: "wh_a"))
        #expect(!state.isRecorded(id: "wh_other"))
    }

    @Test func aCreatedRecordNeverOverwritesARecordedID() {
        var state = SecretsState(SecretsSnapshot(entries: [F.entry(id: "wh_a", secret: "whsec_first")]))
        state.apply(.created(F.entry(id: "wh_a", secret: "whsec_second"), intentId: nil))
        #expect(state.snapshot.entries.map(\.secret) == ["whsec_first"])
        state.apply(.retired(siteId: "site_abc123", id: "wh_a", at: Self.retiredAt, reason: "deleted by apply"))
        state.apply(.created(F.entry(id: "wh_a", secret: "whsec_third"), intentId: nil))
        #expect(state.snapshot.entries.isEmpty)
        #expect(state.snapshot.retired.map(\.entry.secret) == ["whsec_first"])
    }

    @Test func anAdoptionOfARetiredWebhookRestoresItsSecret() {
        var state = SecretsState(SecretsSnapshot(retired: [
            RetiredEntry(entry: F.entry(id: "wh_a", secret: "whsec_kept"), retiredAt: Self.retiredAt, reason: "no longer listed by the API"),
        ]))
        state.apply(.adopted(F.entry(id: "wh_a", secret: nil)))
        #expect(state.snapshot.entries.map(\.secret) == ["whsec_kept"])
        #expect(state.snapshot.retired.isEmpty)
    }

    @Test func retiredEntriesOlderThanRetiredKeepAreDroppedOnOpen() async throws {
        let io = SecretsFakeFileIO()
        let path = "/s/secrets.json"
        let now = try #require(Timestamp.parse("2025-01-20T09:00:00.000Z"))
        io.setContents(path, SecretsFileCodec.encode(SecretsSnapshot(entries: [F.entry(id: "wh_live")], retired: [
            RetiredEntry(entry: F.entry("site_abc123", "old", id: "wh_old"), retiredAt: "2024-12-20T08:59:59.000Z", reason: "deleted by apply"),
            RetiredEntry(entry: F.entry("site_abc123", "recent", id: "wh_recent"), retiredAt: "2025-01-19T09:00:00.000Z", reason: "deleted by apply"),
        ])))
        let store = try SecretsStore.open(path: path, io: io, retiredKeep: .seconds(30 * 86_400), now: now)
        #expect(await store.snapshot.retired.map(\.entry.id) == ["wh_recent"])
        try await store.close()
        #expect(try SecretsFileCodec.decode(io.contents(path) ?? []).retired.map(\.entry.id) == ["wh_recent"])
    }

    @Test func aFileIsBoundToTheAPIOfTheFirstRunThatOpensItOnDiskAtOnce() async throws {
        let io = SecretsFakeFileIO()
        let path = "/s/secrets.json"
        let store = try SecretsStore.open(path: path, io: io, api: "https://ztas.io")
        // Before any record: a crash now leaves a file that names its API.
        #expect(try SecretsFileCodec.decode(io.contents(path) ?? []).api == "https://ztas.io")
        try await store.close()
        let again = try SecretsStore.open(path: path, io: io, api: "https://ztas.io")
        try await again.close()
    }

    @Test func aFileOfAnotherAPIIsRefusedBeforeAnythingIsWritten() async throws {
        let io = SecretsFakeFileIO()
        let path = "/s/secrets.json"
        let bytes = SecretsFileCodec.encode(SecretsSnapshot(entries: [F.entry(id: "wh_a")], api: "https://ztas.io"))
        io.setContents(path, bytes)
        io.setContents(path + ".journal", SecretsJournalTests.journal([.created(F.entry("site_abc123", "b", id: "wh_b"), intentId: nil)]))
        let writes = io.count(.writeFile) + io.count(.rename)
        #expect(throws: SecretsStoreError.boundToAnotherAPI(file: path, bound: "https://ztas.io", requested: "http://127.0.0.1:4010")) {
            try SecretsStore.open(path: path, io: io, api: "http://127.0.0.1:4010")
        }
        // Not even the journal was folded, and the lock is free again.
        #expect(io.contents(path) == bytes)
        #expect(io.count(.writeFile) + io.count(.rename) == writes)
        let store = try SecretsStore.open(path: path, io: io, api: "https://ztas.io")
        #expect(Set(await store.snapshot.entries.map(\.id)) == ["wh_a", "wh_b"])
        try await store.close()
    }

    @Test func theRefusalNamesBothAPIsAndTheWayToMoveTheFile() {
        let message = SecretsStoreError.boundToAnotherAPI(file: ".ztahooks/secrets.json", bound: "https://ztas.io",
                                                          requested: "http://127.0.0.1:4010").message
        #expect(message == "the secrets file .ztahooks/secrets.json belongs to the API at https://ztas.io, and this run would reach "
            + "the API at http://127.0.0.1:4010: its secrets are of webhooks there, which would all look gone here. Point ZTA_API_URL "
            + "(or --api-url) at https://ztas.io, or use another --secrets-file; to move the file on purpose, run "
            + "`ztahooks secrets rebind http://127.0.0.1:4010 --secrets-file .ztahooks/secrets.json`")
        let sandbox = SecretsStoreError.boundToAnotherAPI(file: "s.json", bound: "sandbox", requested: "https://ztas.io").message
        #expect(sandbox.contains("belongs to the sandbox (--sandbox)"))
        #expect(sandbox.contains("Run with --sandbox, or use another --secrets-file"))
    }

    @Test func rebindMovesTheFileAndKeepsEveryEntryByteForByte() async throws {
        let io = SecretsFakeFileIO()
        let path = "/s/secrets.json"
        let snapshot = SecretsSnapshot(entries: [F.entry(id: "wh_a")], api: "https://ztas.io", retired: [
            RetiredEntry(entry: F.entry("site_abc123", "old", id: "wh_old"), retiredAt: Self.retiredAt, reason: "deleted by apply"),
        ])
        io.setContents(path, SecretsFileCodec.encode(snapshot))
        let previous = try await SecretsStore.rebind(path: path, io: io, to: "https://eu.ztas.io")
        #expect(previous == "https://ztas.io")
        var moved = snapshot
        moved.api = "https://eu.ztas.io"
        #expect(io.contents(path) == SecretsFileCodec.encode(moved))
        let store = try SecretsStore.open(path: path, io: io, api: "https://eu.ztas.io")
        try await store.close()
    }

    @Test(arguments: [
        ("https://ztas.io", "https://ztas.io"),
        ("https://ZTAS.io:443/prefix/", "https://ztas.io"),
        ("http://127.0.0.1:80", "http://127.0.0.1"),
        ("http://127.0.0.1:4010/api", "http://127.0.0.1:4010"),
        ("http://[::1]:8080", "http://[::1]:8080"),
        ("https://eu.ztas.io:8443", "https://eu.ztas.io:8443"),
    ])
    func theOriginIsSchemeHostAndPort(url: String, origin: String) {
        #expect(APIOrigin.of(url) == origin)
    }

    @Test func aRetiredSecretIsWithinItsGraceForExactlyThatLong() throws {
        let retired = RetiredEntry(entry: F.entry(), retiredAt: Self.retiredAt, reason: "deleted by apply")
        let at = try #require(Timestamp.parse(Self.retiredAt))
        #expect(retired.isWithinGrace(.seconds(600), now: at.addingTimeInterval(599.9)))
        #expect(!retired.isWithinGrace(.seconds(600), now: at.addingTimeInterval(600)))
        #expect(!retired.isWithinGrace(.zero, now: at))
    }
}
