import Foundation
import ZTAHooksCore

/// The secret `verify` checks a delivery with, from the secrets file as read (journal applied):
/// the webhook's active entry, or a retired one within the grace after its `retiredAt`, as
/// `listen` and the receiver library accept them.
public enum VerifySecretLookup {
    /// What the file says about the webhook.
    public enum Outcome: Sendable {
        /// The secret, and words for where it came from.
        case secret(String, source: String)
        /// No secret to verify with: the verdict says why.
        case verdict(VerifyVerdict)
        /// Its secret is sealed and the file was read without the key.
        case sealedWithoutKey(keyId: String?)
    }

    /// `fileExists`: whether the secrets file or its journal is there at all, for a verdict that
    /// tells "no such webhook" from "no file"; `graceText` names the grace in that verdict.
    public static func secret(id: String, in inspection: SecretsInspection, file: String, fileExists: Bool,
                              grace: Duration, graceText: String, now: Date = Date()) -> Outcome {
        var retiredNote = ""
        let entry: SecretEntry
        if let active = inspection.snapshot.entry(id: id) {
            entry = active
        } else if let old = inspection.snapshot.retiredEntry(id: id) {
            guard old.isWithinGrace(grace, now: now) else {
                return .verdict(.retired(id: id, at: old.retiredAt, reason: old.reason, grace: graceText))
            }
            entry = old.entry
            retiredNote = " (retired \(old.retiredAt.displaySafe): \(old.reason.displaySafe))"
        } else {
            return .verdict(.unknownWebhook(id: id, file: file, fileExists: fileExists))
        }
        if entry.isSealedWithoutKey { return .sealedWithoutKey(keyId: inspection.snapshot.encryption?.keyId) }
        guard let secret = entry.secret else { return .verdict(.adopted(id: id)) }
        return .secret(secret, source: "the secret of webhook \(id.displaySafe)\(retiredNote)")
    }
}
