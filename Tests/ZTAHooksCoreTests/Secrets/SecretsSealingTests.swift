import Foundation
import Testing
@testable import ZTAHooksCore

/// The sealed secrets file: values sealed under the key and bound to their entry, a wrong key
/// or an altered value stopping the run before any write, and every store guarantee unchanged.
struct SecretsSealingTests {
    let path = "/state/secrets.json"
    let key = SecretsKey.generate()

    func text(_ io: SecretsFakeFileIO, _ path: String) -> String {
        String(decoding: io.contents(path) ?? [], as: UTF8.self)
    }

    /// A sealed file holding two entries, written by a store with `key`.
    func sealedFile(_ io: SecretsFakeFileIO) async throws {
        let store = try SecretsStore.open(path: path, io: io, key: key)
        try await store.recordCreated(SecretsFixtures.entry("site_abc123", "a", id: "wh_a", secret: "whsec_aaaa"), intentId: "int_a")
        try await store.recordCreated(SecretsFixtures.entry("site_abc123", "b", id: "wh_b", secret: "whsec_bbbb"), intentId: "int_b")
        try await store.close()
    }

    @Test func aSealedValueOpensOnlyWithItsKeyAndForItsEntry() throws {
        let sealed = SecretSealer.seal("whsec_xyz789", siteId: "site_abc123", id: "wh_abc123", key: key)
        #expect(SecretSealer.open(sealed, siteId: "site_abc123", id: "wh_abc123", key: key) == "whsec_xyz789")
        #expect(SecretSealer.open(sealed, siteId: "site_abc123", id: "wh_other", key: key) == nil)
        #expect(SecretSealer.open(sealed, siteId: "site_other", id: "wh_abc123", key: key) == nil)
        #expect(SecretSealer.open(sealed, siteId: "site_abc123", id: "wh_abc123", key: .generate()) == nil)
        // Length prefixes keep "ab"+"c" and "a"+"bc" apart.
        #expect(SecretSealer.associatedData(siteId: "ab", id: "c") != SecretSealer.associatedData(siteId: "a", id: "bc"))
        // A fresh nonce each time: the same secret never seals to the same text twice.
        #expect(SecretSealer.seal("whsec_xyz789", siteId: "site_abc123", id: "wh_abc123", key: key) != sealed)
    }

    @Test func aKeyIs32BytesOfBase64AndNeverPrintsItself() throws {
        let text = key.base64
        let again = try SecretsKey(base64: text + "\n")
        #expect(again.id == key.id)
        #expect(key.id.count == 16 && key.id.allSatisfy(\.isHexDigit))
        #expect(!"\(key)".contains(text) && "\(key)".contains(key.id))
        #expect(throws: SecretsKey.Invalid.wrongLength(16)) { try SecretsKey(base64: Data(count: 16).base64EncodedString()) }
        #expect(throws: SecretsKey.Invalid.notBase64) { try SecretsKey(base64: "not a key!") }
    }

    @Test func theFileAndItsJournalNeverHoldTheSecretInPlainText() async throws {
        let io = SecretsFakeFileIO()
        let store = try SecretsStore.open(path: path, io: io, key: key)
        try await store.recordIntent(SecretsFixtures.intent("int_1"))
        try await store.recordCreated(SecretsFixtures.entry(), intentId: "int_1")
        let journal = text(io, path + ".journal")
        #expect(journal.contains(#""secret":{"sealed":""#))
        #expect(!journal.contains("whsec_"))
        try await store.close()
        let file = text(io, path)
        #expect(!file.contains("whsec_"))
        #expect(file.contains(#""encryption": {"algorithm": "AES-256-GCM", "keyId": "\#(key.id)"}"#))
        #expect(file.contains(#""secret": {"sealed": ""#))

        let opened = try SecretsStore.inspect(path: path, io: io, key: key).snapshot
        #expect(opened.entries.map(\.secret) == ["whsec_xyz789"])
        // Without the key the secret is known but opaque: enough to plan.
        let opaque = try SecretsStore.read(path: path, io: io)
        #expect(opaque.entries.map(\.secret) == [nil])
        #expect(opaque.entries.map(\.hasSecret) == [true])
        #expect(opaque.encryption?.keyId == key.id)
    }

    @Test func aWrongKeyIsNamedAndNothingIsWritten() async throws {
        let io = SecretsFakeFileIO()
        try await sealedFile(io)
        let before = io.contents(path)
        let other = SecretsKey.generate()
        let error = #expect(throws: SecretsStoreError.self) { try SecretsStore.open(path: path, io: io, key: other) }
        #expect(error == .wrongKey(file: path, sealedWith: key.id, given: other.id))
        #expect(error?.message.contains("sealed with key \(key.id), and the key given is key \(other.id)") == true)
        #expect(io.contents(path) == before)
        #expect(throws: SecretsStoreError.wrongKey(file: path, sealedWith: key.id, given: other.id)) {
            try SecretsStore.inspect(path: path, io: io, key: other)
        }
    }

    @Test func anAlteredValueStopsTheOpenBeforeAnyWrite() async throws {
        let io = SecretsFakeFileIO()
        try await sealedFile(io)
        var file = text(io, path)
        let sealedA = try #require(SecretsStore.read(path: path, io: io).entries.first?.sealed?.base64)
        var bytes = Array(Data(base64Encoded: sealedA)!)
        bytes[bytes.count - 1] ^= 0x01
        file = file.replacingOccurrences(of: sealedA, with: Data(bytes).base64EncodedString())
        io.setContents(path, Array(file.utf8))
        let error = #expect(throws: SecretsStoreError.self) { try SecretsStore.open(path: path, io: io, key: key) }
        #expect(error == .sealedValueRejected(file: path, entry: "site_abc123/a", keyId: key.id))
        #expect(text(io, path) == file)
        #expect(io.contents(path + ".journal") == nil)
    }

    @Test func aValueMovedToAnotherEntryDoesNotOpen() async throws {
        let io = SecretsFakeFileIO()
        try await sealedFile(io)
        let entries = try SecretsStore.read(path: path, io: io).entries
        let (a, b) = (try #require(entries[0].sealed?.base64), try #require(entries[1].sealed?.base64))
        // Give b the value of a: a person with write access to the file, but not the key.
        let moved = text(io, path).replacingOccurrences(of: b, with: a)
        io.setContents(path, Array(moved.utf8))
        #expect(throws: SecretsStoreError.sealedValueRejected(file: path, entry: "site_abc123/b", keyId: key.id)) {
            try SecretsStore.open(path: path, io: io, key: key)
        }
        #expect(text(io, path) == moved)
    }

    @Test func aPlainTextFileIsSealedWhenFirstOpenedWithAKey() async throws {
        let io = SecretsFakeFileIO()
        let plain = try SecretsStore.open(path: path, io: io)
        try await plain.recordCreated(SecretsFixtures.entry(), intentId: "int_1")
        try await plain.close()
        #expect(text(io, path).contains("whsec_xyz789"))
        #expect(plain.upgradedSecrets == nil)

        let store = try SecretsStore.open(path: path, io: io, key: key)
        #expect(store.upgradedSecrets == 1)
        // Sealed at once, before any record can be appended beside a plain-text file.
        #expect(!text(io, path).contains("whsec_"))
        #expect(try SecretsStore.read(path: path, io: io).encryption == SecretsEncryption(keyId: key.id))
        try await store.close()
        let again = try SecretsStore.open(path: path, io: io, key: key)
        #expect(again.upgradedSecrets == nil)
        #expect(await again.snapshot.entries.map(\.secret) == ["whsec_xyz789"])
        try await again.close()
    }

    @Test func aFoldWritesUnchangedSealedValuesBackByteForByte() async throws {
        let io = SecretsFakeFileIO()
        try await sealedFile(io)
        let before = text(io, path)
        let sealedLines = Set(before.split(separator: "\n").filter { $0.contains("sealed") })

        // With the key: a retirement and an adoption; both sealed values, the retired one's too, are unchanged.
        let store = try SecretsStore.open(path: path, io: io, key: key)
        try await store.recordRetired(siteId: "site_abc123", id: "wh_b", reason: RetirementReason.deleted, at: Date())
        try await store.recordAdopted([SecretsFixtures.entry("site_abc123", "c", id: "wh_c", secret: nil)])
        try await store.close()
        let after = text(io, path)
        let afterLines = Set(after.split(separator: "\n").filter { $0.contains("sealed") })
        #expect(afterLines.count == 2 && afterLines == sealedLines)
        #expect(after.contains(#""reason": "deleted by apply""#))

        // Without the key: an adoption folds, the sealed value and the header stay as they were.
        let keyless = try SecretsStore.open(path: path, io: io)
        #expect(keyless.needsKey)
        try await keyless.recordAdopted([SecretsFixtures.entry("site_abc123", "d", id: "wh_d", secret: nil)])
        try await keyless.close()
        let folded = text(io, path)
        #expect(Set(folded.split(separator: "\n").filter { $0.contains("sealed") }) == afterLines)
        #expect(folded.contains(#""keyId": "\#(key.id)""#))
        // Nothing changed, nothing rewritten.
        let idle = try SecretsStore.open(path: path, io: io, key: key)
        try await idle.close()
        #expect(text(io, path) == folded)
    }

    @Test func withoutTheKeyASealedFileTakesNoNewSecret() async throws {
        let io = SecretsFakeFileIO()
        try await sealedFile(io)
        let before = io.contents(path)
        let store = try SecretsStore.open(path: path, io: io)
        let error = await #expect(throws: SecretsStoreError.self) {
            try await store.recordCreated(SecretsFixtures.entry("site_abc123", "c", id: "wh_c", secret: "whsec_cccc"), intentId: "int_c")
        }
        #expect(error == .keyRequired(file: path, keyId: key.id))
        #expect(error?.message.contains("ZTAHOOKS_SECRETS_KEY") == true)
        try await store.close()
        #expect(io.contents(path) == before)
        #expect(!text(io, path).contains("whsec_"))
    }

    @Test func aKilledRunLeavesOnlySealedRecordsAndTheNextRunRecoversThem() async throws {
        let io = SecretsFakeFileIO()
        do {
            let store = try SecretsStore.open(path: path, io: io, key: key)
            try await store.recordIntent(SecretsFixtures.intent("int_1"))
            try await store.recordCreated(SecretsFixtures.entry(), intentId: "int_1")
            try await store.recordIntent(SecretsFixtures.intent("int_2", name: "billing"))
            // The disk fails mid-append of the next secret: a torn, unacknowledged last line.
            io.fail(.sync)
            _ = try? await store.recordCreated(SecretsFixtures.entry("site_abc123", "billing", id: "wh_billing", secret: "whsec_lost"),
                                               intentId: "int_2")
            io.heal()
        }
        // Killed: the store was never closed. Nothing on disk holds a secret in plain text.
        #expect(!text(io, path).contains("whsec_") && !text(io, path + ".journal").contains("whsec_"))
        // Planning without the key sees the recorded secret as known.
        let seen = try SecretsStore.read(path: path, io: io)
        #expect(seen.entries.filter(\.hasSecret).map(\.id).contains("wh_abc123"))

        let store = try SecretsStore.open(path: path, io: io, key: key)
        #expect(store.recovery.replayedRecords >= 3)
        let snapshot = await store.snapshot
        #expect(snapshot.entries.first { $0.id == "wh_abc123" }?.secret == "whsec_xyz789")
        try await store.close()
        #expect(!text(io, path).contains("whsec_"))
        #expect(io.contents(path + ".journal") == nil)
    }

    @Test func rekeySealsEverySecretUnderTheNewKeyOrChangesNothing() async throws {
        let io = SecretsFakeFileIO()
        try await sealedFile(io)
        let before = io.contents(path)
        let newKey = SecretsKey.generate()

        // The wrong old key: nothing changes.
        await #expect(throws: SecretsStoreError.self) {
            try await SecretsStore.rekey(path: path, io: io, from: .generate(), to: newKey)
        }
        // No old key for a sealed file: nothing changes either.
        await #expect(throws: SecretsStoreError.keyRequired(file: path, keyId: key.id)) {
            try await SecretsStore.rekey(path: path, io: io, from: nil, to: newKey)
        }
        #expect(io.contents(path) == before)

        #expect(try await SecretsStore.rekey(path: path, io: io, from: key, to: newKey) == 2)
        #expect(try SecretsStore.read(path: path, io: io).encryption?.keyId == newKey.id)
        let opened = try SecretsStore.inspect(path: path, io: io, key: newKey).snapshot
        #expect(opened.entries.map(\.secret) == ["whsec_aaaa", "whsec_bbbb"])
        #expect(throws: SecretsStoreError.wrongKey(file: path, sealedWith: newKey.id, given: key.id)) {
            try SecretsStore.inspect(path: path, io: io, key: key)
        }
        #expect(io.contents(path + ".journal") == nil)
    }

    @Test func rekeyWaitsForNoOneAndRefusesWhileAnApplyHoldsTheLock() async throws {
        let io = SecretsFakeFileIO()
        try await sealedFile(io)
        let before = io.contents(path)
        let running = try SecretsStore.open(path: path, io: io, key: key)
        let error = await #expect(throws: SecretsStoreError.self) {
            try await SecretsStore.rekey(path: path, io: io, from: key, to: .generate())
        }
        #expect(error?.message.hasPrefix("another ztahooks run holds the lock \(path).lock") == true)
        try await running.close()
        #expect(io.contents(path) == before)
    }

    @Test func rekeyOnAFailingDiskLeavesTheOldFile() async throws {
        let io = SecretsFakeFileIO()
        try await sealedFile(io)
        let before = io.contents(path)
        io.fail(.rename)
        await #expect(throws: SecretsStoreError.self) {
            try await SecretsStore.rekey(path: path, io: io, from: key, to: .generate())
        }
        io.heal()
        #expect(io.contents(path) == before)
        #expect(try SecretsStore.inspect(path: path, io: io, key: key).snapshot.entries.count == 2)
    }
}

/// The sealed layout through the codec alone.
struct SecretsSealedCodecTests {
    @Test func aSealedEntryAndTheHeaderRoundTrip() throws {
        var entry = SecretsFixtures.entry(secret: nil)
        entry.sealed = SealedSecret(base64: "AAAA")
        let snapshot = SecretsSnapshot(entries: [entry], encryption: SecretsEncryption(keyId: "0123456789abcdef"))
        let text = String(decoding: SecretsFileCodec.encode(snapshot), as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"encryption\": {\"algorithm\": \"AES-256-GCM\", \"keyId\": \"0123456789abcdef\"},\n  \"version\": 1,"))
        #expect(text.contains(#""secret": {"sealed": "AAAA"}"#))
        #expect(try SecretsFileCodec.decode(Array(text.utf8)) == snapshot)
        #expect(snapshot.isSealed && snapshot.entries[0].hasSecret)
    }

    @Test func anUnknownAlgorithmIsRefused() throws {
        let text = #"{"encryption": {"algorithm": "ROT13", "keyId": "x"}, "version": 1, "webhooks": []}"#
        #expect(throws: SecretsFileCodec.DecodingFailure.self) { try SecretsFileCodec.decode(Array(text.utf8)) }
    }
}
