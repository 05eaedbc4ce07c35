extension DeliveryRecord {
    /// The signature check in words: which webhook's secret, and what came of it. Never the
    /// secret, nor the digest it gives.
    public struct SignatureCheck: Sendable, Hashable {
        /// `match`, `mismatch`, `missing header`, `malformed header`, `no webhook id`,
        /// `no secret for this webhook`, `not checked`.
        public var result: String
        public var explanation: String
    }

    public var signatureCheck: SignatureCheck {
        let webhook = id.map { id in id + (name.map { " (\(site ?? "-")/\($0))" } ?? "") } ?? "the webhook"
        switch rejection {
        case nil:
            return .init(result: "match", explanation: "HMAC-SHA256 of the raw body with the secret of \(webhook), from the secrets file, equals X-ZTA-Signature.")
        case .signature(.mismatch):
            return .init(result: "mismatch", explanation: "HMAC-SHA256 of the raw body with the secret of \(webhook) differs from X-ZTA-Signature: "
                + "the body was changed on its way (re-serialised JSON?), or it was signed with another secret.")
        case .signature(.missingHeader):
            return .init(result: "missing header", explanation: "The request has no X-ZTA-Signature header: ZTA signs every delivery.")
        case .signature(.malformedHeader):
            return .init(result: "malformed header", explanation: "X-ZTA-Signature is not sha256= followed by 64 hex digits.")
        case .noWebhookId:
            return .init(result: "no webhook id", explanation: "The request has no X-ZTA-Webhook-ID header, so there is no secret to check it with.")
        case .unknownWebhook:
            return .init(result: "no secret for this webhook",
                         explanation: "The secrets file (and its journal) has no entry for \(webhook): was it created with another secrets file, or by hand?")
        case .adoptedWithoutSecret, .sealedWithoutKey:
            let reason = rejection!.description
            return .init(result: "no secret for this webhook", explanation: reason.prefix(1).uppercased() + reason.dropFirst() + ".")
        case .notJSON:
            return .init(result: "match", explanation: "The signature matches, but the body is not JSON, as every ZTA delivery is.")
        case .method, .tooLarge, .bodyEnded:
            return .init(result: "not checked", explanation: "Refused before the signature was checked: \(rejection!.description).")
        }
    }
}
