import Foundation
import ZTAHooksCore

/// A secrets file and journal in a temporary directory, written by ztahooks' own secrets store.
struct SecretsFixture {
    let directory: URL
    var path: String { directory.appendingPathComponent("secrets.json").path }
    var journalPath: String { path + ".journal" }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ztawebhooks-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    static func entry(_ id: String, site: String = "site_abc123", secret: String? = nil) -> SecretEntry {
        SecretEntry(siteId: site, name: "hook-\(id)", id: id, url: "https://hooks.example.com/\(id)", events: ["alert"],
                    secret: secret, createdAt: "2024-12-12T16:00:00.000Z")
    }

    /// Records a create as apply does: the intent, then the webhook with its secret.
    static func create(_ entry: SecretEntry, in store: SecretsStore) async throws {
        let intent = CreateIntent(intentId: "intent-\(entry.id)", siteId: entry.siteId, name: entry.name, url: entry.url,
                                  events: entry.events, startedAt: "2024-12-12T16:00:00.000Z")
        try await store.recordIntent(intent)
        try await store.recordCreated(entry, intentId: intent.intentId)
    }

    /// The file as a finished apply leaves it: `whsec_a` for wh_a and `whsec_b` for wh_b, wh_c adopted.
    func writeFinishedApply() async throws {
        let store = try SecretsStore.open(path: path)
        try await Self.create(Self.entry("wh_a", secret: "whsec_a"), in: store)
        try await Self.create(Self.entry("wh_b", secret: "whsec_b"), in: store)
        try await store.recordAdopted([Self.entry("wh_c")])
        try await store.close()
    }

    /// The journal's bytes as they are now.
    func journal() throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: journalPath)))
    }

    func writeJournal(_ bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: journalPath))
    }

    /// What ztahooks itself reads from the same files: secrets by webhook id.
    func coreView() throws -> [String: String?] {
        let snapshot = try SecretsStore.read(path: path)
        // Retired entries too: the library accepts them within its grace, as listen does.
        return Dictionary(uniqueKeysWithValues: (snapshot.entries + snapshot.retired.map(\.entry)).map { ($0.id, $0.secret) })
    }
}
