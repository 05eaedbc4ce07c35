import Foundation
import Testing
@testable import ZTAHooksCore

/// The hardening of the secrets file: one lock per real file, who holds it, empty and
/// group-readable files, damaged journals kept, odd files where the secrets file should be.
struct SecretsCustodyTests {
    private func withDirectory(_ body: (String) async throws -> Void) async throws {
        let root = SecretsFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try await body(root)
    }

    @Test func aLinkAndItsTargetShareOneLockAndTheFoldWritesThroughTheLink() async throws {
        try await withDirectory { root in
            try FileManager.default.createDirectory(atPath: root + "/real", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: root + "/viaLink", withIntermediateDirectories: true)
            let target = root + "/real/secrets.json"
            try Data(SecretsFileCodec.encode(.empty)).write(to: URL(fileURLWithPath: target))
            try FileManager.default.createSymbolicLink(atPath: root + "/viaLink/secrets.json", withDestinationPath: "../real/secrets.json")

            let throughLink = try SecretsStore.open(path: root + "/viaLink/secrets.json")
            #expect(throughLink.paths.file.hasSuffix("/real/secrets.json"))
            #expect(throughLink.path == root + "/viaLink/secrets.json")
            let error = #expect(throws: SecretsStoreError.self) { try SecretsStore.open(path: target) }
            guard case .locked? = error else {
                Issue.record("the target was not locked: \(String(describing: error))")
                return
            }
            try await throughLink.recordIntent(SecretsFixtures.intent("int_1"))
            try await throughLink.recordCreated(SecretsFixtures.entry(), intentId: "int_1")
            try await throughLink.close()

            // The link is still a link, and the real file has the secret.
            let attributes = try FileManager.default.attributesOfItem(atPath: root + "/viaLink/secrets.json")
            #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink)
            #expect(try SecretsStore.read(path: target).entries == [SecretsFixtures.entry()])
            #expect(!FileManager.default.fileExists(atPath: root + "/viaLink/secrets.json.lock"))
        }
    }

    @Test func aDanglingLinkCreatesItsTarget() async throws {
        try await withDirectory { root in
            try FileManager.default.createSymbolicLink(atPath: root + "/secrets.json", withDestinationPath: "store/secrets.json")
            let store = try SecretsStore.open(path: root + "/secrets.json")
            try await store.recordCreated(SecretsFixtures.entry(), intentId: "int_1")
            try await store.close()
            #expect(try SecretsStore.read(path: root + "/store/secrets.json").entries.count == 1)
            #expect(try SecretsStore.read(path: root + "/secrets.json").entries.count == 1)
        }
    }

    @Test func theLockFileNamesItsHolderUntilClose() async throws {
        try await withDirectory { root in
            let path = root + "/secrets.json"
            let holder = LockHolder(pid: 4242, host: "ci-7", startedAt: "2026-11-29T20:01:02.000Z")
            let store = try SecretsStore.open(path: path, holder: holder)
            #expect(try SecretsStore.inspect(path: path).holder == holder)
            let error = #expect(throws: SecretsStoreError.self) { try SecretsStore.open(path: path) }
            #expect(error?.message.contains("by pid 4242 on host ci-7, since 2026-11-29T20:01:02.000Z") == true)
            try await store.close()
            #expect(try SecretsStore.inspect(path: path).holder == nil)
        }
    }

    @Test func aLockHolderWithControlCharactersIsShownEscaped() {
        let holder = LockHolder(pid: 1, host: "evil\u{1b}[2K\r", startedAt: "now\u{07}")
        let decoded = LockHolder.decode(holder.encoded)
        #expect(decoded == holder)
        #expect(holder.summary == "pid 1 on host evil\\u001b[2K\\u000d, since now\\u0007")
    }

    @Test func openWaitsForTheLockUpToTheTimeout() async throws {
        try await withDirectory { root in
            let path = root + "/secrets.json"
            let first = try SecretsStore.open(path: path)
            Task {
                try await Task.sleep(for: .milliseconds(300))
                try await first.close()
            }
            // A bound, not a timing: a machine loaded by other suites may take long to run the close.
            let second = try await SecretsStore.open(path: path, lockTimeout: .seconds(120))
            try await second.close()

            let held = try SecretsStore.open(path: path)
            await #expect(throws: SecretsStoreError.self) { try await SecretsStore.open(path: path, lockTimeout: .milliseconds(200)) }
            try await held.close()
        }
    }

    @Test func anEmptySecretsFileIsAnErrorUnlessAcceptedOnPurpose() async throws {
        try await withDirectory { root in
            let path = root + "/secrets.json"
            for content in ["", "  \n\t\n"] {
                try Data(content.utf8).write(to: URL(fileURLWithPath: path))
                let error = #expect(throws: SecretsStoreError.self) { try SecretsStore.open(path: path) }
                #expect(error == .emptyFile(file: path))
                #expect(error?.message.contains("--init-secrets") == true)
                #expect(throws: SecretsStoreError.self) { try SecretsStore.read(path: path) }
                // Nothing was written over it.
                #expect(SecretsFixtures.text(path) == content)
            }
            let store = try SecretsStore.open(path: path, acceptEmptyFile: true)
            #expect(await store.snapshot == .empty)
            try await store.close()
            // A missing file starts empty without a word.
            let fresh = try SecretsStore.open(path: root + "/new/secrets.json")
            #expect(fresh.warnings.isEmpty)
            try await fresh.close()
        }
    }

    @Test func aFileOthersCanReadIsWarnedAboutAndRewrittenPrivate() async throws {
        try await withDirectory { root in
            let path = root + "/secrets.json"
            try Data(SecretsFileCodec.encode(SecretsSnapshot(entries: [SecretsFixtures.entry()]))).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
            #expect(try SecretsStore.inspect(path: path).warnings == [
                "the secrets file \(path) can be read by other users (mode 644); run `chmod 600 \(path)` (apply rewrites it with mode 0600)",
            ])
            let store = try SecretsStore.open(path: path)
            #expect(store.warnings.count == 1)
            try await store.recordRetired(siteId: "site_abc123", id: "wh_abc123", reason: RetirementReason.deleted, at: Date())
            try await store.close()
            #expect(SecretsFixtures.mode(path) == 0o600)
        }
    }

    @Test func somethingOtherThanAFileIsRefusedWithoutBeingOpened() async throws {
        try await withDirectory { root in
            let fifo = root + "/secrets.json"
            #expect(mkfifo(fifo, 0o600) == 0)
            // Reading a FIFO would block for ever; the check must come first.
            let error = #expect(throws: SecretsStoreError.self) { try SecretsStore.read(path: fifo) }
            #expect(error == .notRegularFile(file: fifo, kind: .other("a FIFO")))
            #expect(throws: SecretsStoreError.self) { try SecretsStore.open(path: fifo) }
            try FileManager.default.createDirectory(atPath: root + "/dir.json", withIntermediateDirectories: true)
            #expect(throws: SecretsStoreError.notRegularFile(file: root + "/dir.json", kind: .directory)) {
                try SecretsStore.read(path: root + "/dir.json")
            }
        }
    }

    @Test func aDamagedJournalIsKeptBesideTheFileAndALostSecretIsNamed() async throws {
        try await withDirectory { root in
            let path = root + "/secrets.json"
            let created = SecretsJournalCodec.encode(.created(SecretsFixtures.entry(), intentId: "int_1"))
            var damaged = created
            damaged[damaged.count / 2] ^= 0x01
            let journal = SecretsJournalTests.journal([.intent(SecretsFixtures.intent("int_1"))]) + damaged
                + SecretsJournalTests.journal([.retired(siteId: "site_abc123", id: "wh_gone", at: "2024-12-20T09:00:00.000Z", reason: "deleted by apply")])
            try Data(journal).write(to: URL(fileURLWithPath: path + ".journal"))

            let store = try SecretsStore.open(path: path, holder: LockHolder(pid: 1, host: "h", startedAt: "t"))
            #expect(store.recovery.damagedLines == [2])
            #expect(store.recovery.damagedSecretLines == [2])
            #expect(store.recovery.lostSecrets)
            let quarantine = try #require(store.recovery.quarantinedTo)
            #expect(quarantine.hasPrefix(path + ".journal.damaged-"))
            #expect(FileManager.default.contents(atPath: quarantine) == Data(journal))
            #expect(SecretsFixtures.mode(quarantine) == 0o600)
            #expect(store.recovery.summary?.contains("may have held a secret") == true)
            // The intent of the lost create is still unresolved: the next plan replaces its webhook.
            #expect(await store.snapshot.unresolvedIntents.map(\.intentId) == ["int_1"])
            try await store.close()
        }
    }

    @Test func aDamagedLineThatPlainlyHeldNoSecretLosesNone() throws {
        var intent = SecretsJournalCodec.encode(.intent(SecretsFixtures.intent("int_1")))
        intent[12] ^= 0x01
        let journal = intent + SecretsJournalTests.journal([.retired(siteId: "s", id: "w", at: "2024-12-20T09:00:00.000Z", reason: "deleted by apply")])
        let contents = SecretsJournalCodec.decode(journal)
        #expect(contents.damagedLines == [1])
        #expect(contents.damagedSecretLines.isEmpty)
    }

    @Test func aFoldThatFailsAtCloseKeepsTheJournalAndSaysWhere() async throws {
        let io = SecretsFakeFileIO()
        let path = "/secrets/secrets.json"
        let store = try SecretsStore.open(path: path, io: io)
        try await store.recordIntent(SecretsFixtures.intent("int_1"))
        try await store.recordCreated(SecretsFixtures.entry(), intentId: "int_1")
        io.fail(.rename)
        let error = await #expect(throws: SecretsStoreError.self) { try await store.close() }
        #expect(error == .foldFailed(file: path, journal: path + ".journal", reason: "No space left on device"))
        io.heal()
        #expect(try SecretsStore.read(path: path, io: io).entries == [SecretsFixtures.entry()])
    }
}
