/// What apply needs from the secrets file: durable records, one call each.
/// `SecretsStore` is the real one; tests may hand-write another.
public protocol SecretsRecorder: Sendable {
    var snapshot: SecretsSnapshot { get async }
    func recordIntent(_ intent: CreateIntent) async throws(SecretsStoreError)
    func recordCreated(_ entry: SecretEntry, intentId: String) async throws(SecretsStoreError)
    func recordCreateFailed(intentId: String) async throws(SecretsStoreError)
    func recordDeleted(siteId: String, id: String) async throws(SecretsStoreError)
    func recordHandedOff(siteId: String, id: String) async throws(SecretsStoreError)
    func resolveIntents(siteId: String, url identity: String) async
}

extension SecretsStore: SecretsRecorder {}
