import Foundation

/// What apply needs from the secrets file: durable records, one call each.
/// `SecretsStore` is the real one; tests may hand-write another.
public protocol SecretsRecorder: Sendable {
    var snapshot: SecretsSnapshot { get async }
    func recordIntent(_ intent: CreateIntent) async throws(SecretsStoreError)
    func recordCreated(_ entry: SecretEntry, intentId: String) async throws(SecretsStoreError)
    /// Records a created webhook and the intent of the next create together, durable on return.
    func recordCreated(_ entry: SecretEntry, intentId: String, then next: CreateIntent?) async throws(SecretsStoreError)
    func recordCreateFailed(intentId: String) async throws(SecretsStoreError)
    func recordRetired(siteId: String, id: String, reason: String, at: Date) async throws(SecretsStoreError)
    func recordRestored(siteId: String, id: String) async throws(SecretsStoreError)
    func recordHandedOff(siteId: String, id: String) async throws(SecretsStoreError)
    func resolveIntents(siteId: String, url identity: String) async
    /// Whether any site's entry, active or retired, has this webhook id.
    func isRecorded(id: String) async -> Bool
}

extension SecretsStore: SecretsRecorder {}

extension SecretsRecorder {
    /// Two commits, for recorders that cannot write both at once.
    public func recordCreated(_ entry: SecretEntry, intentId: String, then next: CreateIntent?) async throws(SecretsStoreError) {
        try await recordCreated(entry, intentId: intentId)
        if let next { try await recordIntent(next) }
    }
}
