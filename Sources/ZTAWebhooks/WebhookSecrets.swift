/// The signing secrets of a ztahooks secrets file, looked up by webhook id (the
/// `X-ZTA-Webhook-ID` header of a delivery).
///
/// Reads the file and the journal beside it (`<file>.journal`), as ztahooks itself does: while an
/// `apply` or `rotate` runs, a new webhook's secret is only in the journal, and a receiver must
/// accept that webhook's deliveries from the first one on. Load again (it is cheap) when a lookup
/// answers ``LookupFailure/unknownWebhook``: the webhook may be newer than the last load.
///
/// Printing a value of this type never shows a secret.
public struct WebhookSecrets: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What the file and journal say about one webhook.
    enum Knowledge: Hashable, Sendable {
        case secret(WebhookSecret)
        /// Adopted by `import`: ztahooks never saw the secret.
        case adopted
        /// Stored sealed (an encrypted secrets file), which this library cannot open.
        case sealed
    }

    /// Why there is no secret for a webhook id.
    public enum LookupFailure: Error, Hashable, Sendable, CustomStringConvertible {
        /// The file and journal know no webhook of that id.
        case unknownWebhook
        /// The webhook was adopted by `ztahooks import`: it was created elsewhere, and its secret
        /// is wherever it was created.
        case adoptedWithoutSecret
        /// The secret is stored sealed (an encrypted secrets file); this library reads plain
        /// secrets only.
        case sealed

        public var description: String {
            switch self {
            case .unknownWebhook: "no secret known for this webhook id"
            case .adoptedWithoutSecret: "the webhook was adopted without its secret (created outside ztahooks)"
            case .sealed: "the secret is sealed (encrypted secrets file), which this library cannot read"
            }
        }
    }

    /// Keyed by webhook id, which the API makes unique across sites.
    var webhooks: [String: Known]

    struct Known: Hashable, Sendable {
        var siteId: String
        var knowledge: Knowledge
    }

    init(webhooks: [String: Known]) {
        self.webhooks = webhooks
    }

    /// The secret of the webhook with this id.
    public func secret(forWebhookID id: String) throws(LookupFailure) -> WebhookSecret {
        switch webhooks[id]?.knowledge {
        case .secret(let secret)?: return secret
        case .adopted?: throw .adoptedWithoutSecret
        case .sealed?: throw .sealed
        case nil: throw .unknownWebhook
        }
    }

    /// The ids of every webhook the file and journal know, adopted ones included, sorted.
    public var webhookIDs: [String] { webhooks.keys.sorted() }

    public var description: String {
        let withSecret = webhooks.values.filter { if case .secret = $0.knowledge { true } else { false } }.count
        return "WebhookSecrets(\(webhooks.count) webhooks, \(withSecret) with a secret)"
    }

    public var debugDescription: String { description }
}
