import Foundation
import Testing
import ZTAHooksCore
import ZTAWebhooks

/// Secrets files and journals written by ztahooks' real secrets store, read by the library.
struct WebhookSecretsTests {
    /// The library's answer for every id, in the shape of `SecretsFixture.coreView()`: the
    /// secret, `nil` for an adopted webhook; unknown ids left out.
    private func libraryView(_ secrets: WebhookSecrets) -> [String: String?] {
        var view: [String: String?] = [:]
        for id in secrets.webhookIDs {
            do {
                view[id] = .some(try secrets.secret(forWebhookID: id).value)
            } catch {
                view[id] = .some(nil)
            }
        }
        return view
    }

    @Test func aFinishedApplysFileAnswersEveryLookup() async throws {
        let fixture = try SecretsFixture()
        defer { fixture.remove() }
        try await fixture.writeFinishedApply()
        #expect(try !FileManager.default.fileExists(atPath: fixture.journalPath) || fixture.journal().isEmpty)
        let secrets = try WebhookSecrets(contentsOfFile: fixture.path)
        #expect(try secrets.secret(forWebhookID: "wh_a") == WebhookSecret("whsec_a"))
        #expect(try secrets.secret(forWebhookID: "wh_b") == WebhookSecret("whsec_b"))
        #expect(throws: WebhookSecrets.LookupFailure.adoptedWithoutSecret) { try secrets.secret(forWebhookID: "wh_c") }
        #expect(throws: WebhookSecrets.LookupFailure.unknownWebhook) { try secrets.secret(forWebhookID: "wh_zzz") }
        #expect(secrets.webhookIDs == ["wh_a", "wh_b", "wh_c"])
        #expect(libraryView(secrets) == (try fixture.coreView()))
    }

    @Test func secretsOnlyInTheJournalOfARunningApplyAreKnown() async throws {
        let fixture = try SecretsFixture()
        defer { fixture.remove() }
        try await fixture.writeFinishedApply()
        // A rotation in progress: the new webhook exists, the old one is retired, nothing folded yet.
        let store = try SecretsStore.open(path: fixture.path)
        try await SecretsFixture.create(SecretsFixture.entry("wh_d", secret: "whsec_d"), in: store)
        try await store.recordRetired(siteId: "site_abc123", id: "wh_b", reason: RetirementReason.deleted, at: Date())
        try await store.recordAdopted([SecretsFixture.entry("wh_a"), SecretsFixture.entry("wh_e")])

        let fileOnly = try WebhookSecrets(file: Data(contentsOf: URL(fileURLWithPath: fixture.path)), journal: nil)
        #expect(throws: WebhookSecrets.LookupFailure.unknownWebhook) { try fileOnly.secret(forWebhookID: "wh_d") }

        var secrets = try WebhookSecrets(contentsOfFile: fixture.path)
        #expect(try secrets.secret(forWebhookID: "wh_d") == WebhookSecret("whsec_d"))
        // Retired just now: its deliveries in flight still verify, for the grace only.
        #expect(try secrets.secret(forWebhookID: "wh_b") == WebhookSecret("whsec_b"))
        #expect(throws: WebhookSecrets.LookupFailure.retired) { try secrets.secret(forWebhookID: "wh_b", now: Date().addingTimeInterval(601)) }
        // An adoption never takes away a known secret.
        #expect(try secrets.secret(forWebhookID: "wh_a") == WebhookSecret("whsec_a"))
        #expect(throws: WebhookSecrets.LookupFailure.adoptedWithoutSecret) { try secrets.secret(forWebhookID: "wh_e") }
        #expect(libraryView(secrets) == (try fixture.coreView()))
        secrets.retiredGrace = .zero
        #expect(throws: WebhookSecrets.LookupFailure.retired) { try secrets.secret(forWebhookID: "wh_b") }
        try await store.close()
    }

    /// A folded file's retired entries, as the file writes them: the grace counts from `retiredAt`.
    @Test func aRetiredEntryVerifiesForTheGraceAfterItsRetiredAt() throws {
        let file = Data("""
            {"api": "https://ztas.io", "retired": [{"events": ["alert"], "id": "wh_old", "name": "ops", "reason": "deleted by apply",
              "retiredAt": "2024-12-20T09:00:00.000Z", "secret": "whsec_old", "siteId": "site_abc123", "url": "https://h.example/a"}],
             "version": 1, "webhooks": [{"events": ["alert"], "id": "wh_new", "name": "ops", "secret": "whsec_new",
              "siteId": "site_abc123", "url": "https://h.example/a"}]}
            """.utf8)
        var secrets = try WebhookSecrets(file: file, journal: nil)
        let retiredAt = try #require(ISO8601DateFormatter().date(from: "2024-12-20T09:00:00Z"))
        #expect(try secrets.secret(forWebhookID: "wh_old", now: retiredAt.addingTimeInterval(599)) == WebhookSecret("whsec_old"))
        #expect(throws: WebhookSecrets.LookupFailure.retired) { try secrets.secret(forWebhookID: "wh_old", now: retiredAt.addingTimeInterval(600)) }
        #expect(try secrets.secret(forWebhookID: "wh_new", now: retiredAt.addingTimeInterval(1e6)) == WebhookSecret("whsec_new"))
        secrets.retiredGrace = .seconds(3600)
        #expect(try secrets.secret(forWebhookID: "wh_old", now: retiredAt.addingTimeInterval(3599)) == WebhookSecret("whsec_old"))
        #expect(secrets.webhookIDs == ["wh_new", "wh_old"])
    }

    @Test func theFirstApplyHasOnlyAJournal() async throws {
        let fixture = try SecretsFixture()
        defer { fixture.remove() }
        let store = try SecretsStore.open(path: fixture.path)
        try await SecretsFixture.create(SecretsFixture.entry("wh_new", secret: "whsec_new"), in: store)
        #expect(!FileManager.default.fileExists(atPath: fixture.path))
        let secrets = try WebhookSecrets(contentsOfFile: fixture.path)
        #expect(try secrets.secret(forWebhookID: "wh_new") == WebhookSecret("whsec_new"))
        try await store.close()
    }

    @Test func aTornLastLineIsIgnored() async throws {
        let fixture = try SecretsFixture()
        defer { fixture.remove() }
        let store = try SecretsStore.open(path: fixture.path)
        try await SecretsFixture.create(SecretsFixture.entry("wh_a", secret: "whsec_a"), in: store)
        let whole = try fixture.journal()
        try await SecretsFixture.create(SecretsFixture.entry("wh_torn", secret: "whsec_torn"), in: store)
        let longer = try fixture.journal()
        // The crash cut the last append short: everything up to its last byte, newline excluded.
        try fixture.writeJournal(Array(longer.dropLast()))
        #expect(longer.count > whole.count + 2)

        let secrets = try WebhookSecrets(contentsOfFile: fixture.path)
        #expect(try secrets.secret(forWebhookID: "wh_a") == WebhookSecret("whsec_a"))
        #expect(throws: WebhookSecrets.LookupFailure.unknownWebhook) { try secrets.secret(forWebhookID: "wh_torn") }
        #expect(libraryView(secrets) == (try fixture.coreView()))
        try? await store.close()
    }

    @Test func aLineWithABadChecksumIsSkipped() async throws {
        let fixture = try SecretsFixture()
        defer { fixture.remove() }
        let store = try SecretsStore.open(path: fixture.path)
        try await SecretsFixture.create(SecretsFixture.entry("wh_a", secret: "whsec_aaaa"), in: store)
        try await SecretsFixture.create(SecretsFixture.entry("wh_b", secret: "whsec_bbbb"), in: store)
        var bytes = try fixture.journal()
        // Damage wh_a's secret on disk: the line still parses as JSON, but its CRC no longer matches.
        let damaged = Array("whsec_aaaa".utf8)
        let start = try #require(bytes.indices.first { bytes[$0...].starts(with: damaged) })
        bytes[start + 6] = UInt8(ascii: "X")
        try fixture.writeJournal(bytes)

        let secrets = try WebhookSecrets(contentsOfFile: fixture.path)
        #expect(throws: WebhookSecrets.LookupFailure.unknownWebhook) { try secrets.secret(forWebhookID: "wh_a") }
        #expect(try secrets.secret(forWebhookID: "wh_b") == WebhookSecret("whsec_bbbb"))
        #expect(libraryView(secrets) == (try fixture.coreView()))
        try? await store.close()
    }

    @Test func aSymbolicLinkFindsTheJournalBesideTheRealFile() async throws {
        let fixture = try SecretsFixture()
        defer { fixture.remove() }
        let store = try SecretsStore.open(path: fixture.path)
        try await SecretsFixture.create(SecretsFixture.entry("wh_a", secret: "whsec_a"), in: store)
        let link = fixture.directory.appendingPathComponent("link.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: fixture.path)
        let secrets = try WebhookSecrets(contentsOfFile: link)
        #expect(try secrets.secret(forWebhookID: "wh_a") == WebhookSecret("whsec_a"))
        try await store.close()
    }

    @Test func aSealedSecretIsAClearErrorNotGarbage() throws {
        let file = #"""
            {"version": 1, "webhooks": [
              {"siteId": "s", "name": "sealed", "id": "wh_sealed", "url": "https://x.example/a", "events": ["alert"],
               "secret": {"alg": "AES-256-GCM", "nonce": "AAAA", "ciphertext": "BBBB"}},
              {"siteId": "s", "name": "plain", "id": "wh_plain", "url": "https://x.example/b", "events": ["alert"], "secret": "whsec_plain"}
            ]}
            """#
        let secrets = try WebhookSecrets(file: Data(file.utf8), journal: nil)
        #expect(throws: WebhookSecrets.LookupFailure.sealed) { try secrets.secret(forWebhookID: "wh_sealed") }
        #expect(try secrets.secret(forWebhookID: "wh_plain") == WebhookSecret("whsec_plain"))
        #expect(WebhookSecrets.LookupFailure.sealed.description.contains("sealed"))
    }

    @Test func printingNeverShowsASecret() async throws {
        let fixture = try SecretsFixture()
        defer { fixture.remove() }
        try await fixture.writeFinishedApply()
        let secrets = try WebhookSecrets(contentsOfFile: fixture.path)
        #expect("\(secrets)" == "WebhookSecrets(3 webhooks, 2 with a secret)")
        #expect(!String(reflecting: secrets).contains("whsec_"))
        #expect(!"\(try secrets.secret(forWebhookID: "wh_a"))".contains("whsec_"))
    }

    @Test func missingFilesAreAnError() throws {
        let fixture = try SecretsFixture()
        defer { fixture.remove() }
        #expect(throws: WebhookSecrets.LoadFailure.notFound(path: fixture.path)) {
            try WebhookSecrets(contentsOfFile: fixture.path)
        }
    }

    @Test func aDamagedFileIsSaidToBeSoWithoutQuotingIt() throws {
        let file = #"{"version": 1, "webhooks": [{"siteId": "s", "id": 7, "secret": "whsec_leak"}]}"#
        do {
            _ = try WebhookSecrets(file: Data(file.utf8), journal: nil, path: "secrets.json")
            Issue.record("a damaged file was read")
        } catch {
            #expect(error == .malformed(path: "secrets.json", detail: "wrong type at .webhooks[0].id"))
            #expect(!error.description.contains("whsec_"))
        }
        #expect(throws: WebhookSecrets.LoadFailure.unsupportedVersion(path: "secrets file", version: 2)) {
            try WebhookSecrets(file: Data(#"{"version": 2, "webhooks": []}"#.utf8), journal: nil)
        }
        #expect(throws: WebhookSecrets.LoadFailure.malformed(path: "secrets file", detail: "it is not valid JSON")) {
            try WebhookSecrets(file: Data("whsec_leak".utf8), journal: nil)
        }
    }
}
