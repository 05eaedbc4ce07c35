import ZTAWebhooks

/// Why `listen` did not accept a delivery, and the status it answers with.
public enum DeliveryRejection: Error, Hashable, Sendable, CustomStringConvertible {
    /// Anything but POST: ZTA only ever posts.
    case method(String)
    /// Over the API's 1 MB payload limit; refused before reading the rest.
    case tooLarge
    /// No `X-ZTA-Webhook-ID` header, so no secret to verify with.
    case noWebhookId
    /// The secrets file (journal included) has no entry for the id, even after reading it again.
    case unknownWebhook
    /// The webhook was imported: ztahooks never saw its secret.
    case adoptedWithoutSecret
    /// The secret is sealed in the secrets file and listen was started without the key.
    case sealedWithoutKey
    case signature(WebhookSignature.Failure)
    /// Signed correctly, but not a JSON document as every ZTA delivery is.
    case notJSON
    /// The connection ended inside the body: `received` of `declared` bytes (a length when known).
    case bodyEnded(received: Int, declared: Int?)

    public var status: Int {
        switch self {
        case .method: 405
        case .tooLarge: 413
        case .notJSON, .bodyEnded: 400
        case .noWebhookId, .unknownWebhook, .adoptedWithoutSecret, .sealedWithoutKey, .signature: 401
        }
    }

    /// Words for the output line; the method is the only part that came from the request and is
    /// sanitised by the caller.
    public var description: String {
        switch self {
        case .method(let method): "method \(method), not POST"
        case .tooLarge: "body too large (over \(ListenLimits.maxBodyBytes) bytes)"
        case .noWebhookId: "no X-ZTA-Webhook-ID header"
        case .unknownWebhook: "no secret known for that webhook id"
        case .adoptedWithoutSecret: "adopted without a secret (imported; re-create it with rotate to get one)"
        case .sealedWithoutKey: "the secret is sealed (start listen with ZTAHOOKS_SECRETS_KEY or --secrets-key-file)"
        case .signature(let failure): failure.description
        case .notJSON: "not JSON"
        case .bodyEnded(let received, let declared?): "body ended after \(received) of \(declared) bytes"
        case .bodyEnded(let received, nil): "body ended after \(received) bytes, before its end"
        }
    }

    /// A refusal of a malformed or oversized request closes the connection: what follows on it
    /// cannot be trusted to start a new request (an unread body, a body cut short).
    public var closesConnection: Bool {
        switch status {
        case 400, 405, 413: true
        default: false
        }
    }
}

/// The limits `listen` holds requests and forwards to.
public enum ListenLimits {
    /// The ZTA API's own payload limit: 1 MB.
    public static let maxBodyBytes = 1 << 20
    /// How long the forward target gets to answer.
    public static let forwardTimeout = Duration.seconds(10)
}
