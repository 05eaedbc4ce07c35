import Foundation
import ZTASecretsFormat

/// The signing secrets of a ztahooks secrets file, looked up by webhook id (the
/// `X-ZTA-Webhook-ID` header of a delivery).
///
/// Reads the file and the journal beside it (`<file>.journal`), as ztahooks itself does: while an
/// `apply` or `rotate` runs, a new webhook's secret is only in the journal, and a receiver must
/// accept that webhook's deliveries from the first one on. Load again (it is cheap) when a lookup
/// answers ``LookupFailure/unknownWebhook``: the webhook may be newer than the last load.
///
/// A webhook that ztahooks deleted (or that the API stopped listing) is kept in the file as
/// retired, and its secret still verifies for ``retiredGrace`` after it was retired: deliveries
/// in flight and ZTA's retries of them arrive after the delete. The same rule as `ztahooks listen`.
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
        /// The webhook was retired (deleted, or no longer listed) longer than ``retiredGrace`` ago.
        case retired

        /// The reason in words, for a log line or an error message; it never quotes a secret.
        public var description: String {
            switch self {
            case .unknownWebhook: "no secret known for this webhook id"
            case .adoptedWithoutSecret: "the webhook was adopted without its secret (created outside ztahooks)"
            case .sealed: "the secret is sealed (encrypted secrets file), which this library cannot read"
            case .retired: "the webhook was deleted (retired) longer ago than the retired grace"
            }
        }
    }

    /// Keyed by webhook id, which the API makes unique across sites.
    var webhooks: [String: Known]

    struct Known: Hashable, Sendable {
        var siteId: String
        var knowledge: Knowledge
        /// When it was retired; `nil` for an active webhook.
        var retiredAt: Date?
        /// The webhook it replaced (a replace or rotate).
        var replaces: String?
    }

    /// How long after it was retired a webhook's secret still verifies: 10 minutes by default,
    /// as `ztahooks listen --retired-grace`; zero refuses retired webhooks at once.
    public var retiredGrace: Duration = .seconds(600)

    /// Every webhook's chain of replaces.
    let lineage: WebhookLineage

    init(webhooks: [String: Known]) {
        self.webhooks = webhooks
        self.lineage = WebhookLineage(replaces: webhooks.compactMapValues(\.replaces))
    }

    /// The secret of the webhook with this id.
    public func secret(forWebhookID id: String) throws(LookupFailure) -> WebhookSecret {
        try secret(forWebhookID: id, now: Date())
    }

    /// The secret of the webhook with this id, judging a retired one's grace at `now`.
    public func secret(forWebhookID id: String, now: Date) throws(LookupFailure) -> WebhookSecret {
        if let retiredAt = webhooks[id]?.retiredAt {
            let grace = Double(retiredGrace.components.seconds) + Double(retiredGrace.components.attoseconds) / 1e18
            guard now.timeIntervalSince(retiredAt) < grace else { throw .retired }
        }
        switch webhooks[id]?.knowledge {
        case .secret(let secret)?: return secret
        case .adopted?: throw .adoptedWithoutSecret
        case .sealed?: throw .sealed
        case nil: throw .unknownWebhook
        }
    }

    /// The other webhooks of this one's chain of replaces and rotates (`replaces` in the secrets
    /// file): during a replace's overlap, the same event comes through two of them
    /// (``WebhookDeduplicator``). Empty when the webhook neither replaced one nor was replaced.
    public func pairedWebhookIDs(of id: String) -> Set<String> {
        lineage.paired(with: id)
    }

    /// The ids of every webhook the file and journal know, adopted and retired ones included, sorted.
    public var webhookIDs: [String] { webhooks.keys.sorted() }

    /// How many webhooks the file and journal know, and how many with a secret; never a secret.
    public var description: String {
        let withSecret = webhooks.values.filter { if case .secret = $0.knowledge { true } else { false } }.count
        return "WebhookSecrets(\(webhooks.count) webhooks, \(withSecret) with a secret)"
    }

    /// The same as ``description``, so that debugging output shows no secret either.
    public var debugDescription: String { description }
}
