import Foundation
@testable import ZTAHooksCore

/// The ZTA API as the property tests model it: the document's rules and nothing else.
///
/// At most 10 webhooks per site (the 11th create is refused with 409, mapped as the HTTP
/// client maps it), no update, a secret returned once, descriptions kept but never listed.
/// Every call is recorded in order with the site's count after it, so that a property can
/// look at every intermediate state, not only the last.
actor ModelWebhookAPI: WebhookAPI {
    /// A webhook as the server holds it, with what the API never lists.
    struct Stored: Hashable, Sendable {
        var webhook: LiveWebhook
        var secret: String
        var description: String?
    }

    /// One request and what it did.
    struct Call: Hashable, Sendable {
        enum Kind: Hashable, Sendable {
            case list
            /// `id` is nil when the create was refused.
            case create(identity: String, id: String?)
            /// Committed, but the answer (and with it the secret) never reached the client.
            case lostCreate(identity: String, id: String)
            /// `found` is false for a 404.
            case delete(id: String, found: Bool)
        }

        var site: String
        var kind: Kind
        /// How many webhooks the site holds once the call is done.
        var countAfter: Int
    }

    private(set) var sites: [String: [Stored]]
    private(set) var calls: [Call] = []
    private var nextID = 1
    private let answerLoss: AnswerLoss?
    /// Creates sent so far per site and URL, so that a loss depends on the attempt, not the interleaving.
    private var attempts: [String: Int] = [:]

    init(_ sites: [String: [Stored]] = [:], answerLoss: AnswerLoss? = nil) {
        self.sites = sites
        self.answerLoss = answerLoss
        // Ids are never reused, also when a model starts from another one's state: apply tells
        // the orphan of a lost answer from the webhooks it knows by id.
        let taken = sites.values.flatMap { $0 }.compactMap { Int($0.webhook.id.dropFirst(Self.idPrefix.count)) }
        nextID = (taken.max() ?? 0) + 1
    }

    static let idPrefix = "wh_new"

    /// The site's webhooks as the API lists them.
    func live(_ site: String) -> [LiveWebhook] { (sites[site] ?? []).map(\.webhook) }

    func listWebhooks(site: String) async throws(APIError) -> [LiveWebhook] {
        calls.append(Call(site: site, kind: .list, countAfter: sites[site]?.count ?? 0))
        return live(site)
    }

    func createWebhook(_ request: CreateWebhookRequest) async throws(APIError) -> CreatedWebhook {
        let site = request.siteId
        let identity = WebhookURL.normalized(request.url)
        let count = sites[site]?.count ?? 0
        guard count < APILimits.maxWebhooksPerSite else {
            calls.append(Call(site: site, kind: .create(identity: identity, id: nil), countAfter: count))
            throw .unexpectedStatus(status: 409, message: "Maximum 10 webhooks per site", context: "creating a webhook for site \(site)")
        }
        let id = "\(Self.idPrefix)\(nextID)"
        let webhook = LiveWebhook(id: id, url: request.url, events: request.events,
                                  createdAt: Date(timeIntervalSince1970: 1_800_000_000 + Double(nextID)))
        let stored = Stored(webhook: webhook, secret: "whsec_model\(nextID)", description: request.description)
        nextID += 1
        sites[site, default: []].append(stored)
        let key = "\(site) \(identity)"
        let attempt = attempts[key, default: 0]
        attempts[key] = attempt + 1
        if let answerLoss, answerLoss.loses(key, attempt: attempt) {
            calls.append(Call(site: site, kind: .lostCreate(identity: identity, id: id), countAfter: count + 1))
            throw .outcomeUnknown(message: "connection reset after the create was committed", context: "creating a webhook for site \(site)")
        }
        calls.append(Call(site: site, kind: .create(identity: identity, id: id), countAfter: count + 1))
        return CreatedWebhook(webhook: webhook, secret: stored.secret)
    }

    func deleteWebhook(id: String, site: String) async throws(APIError) {
        // The API deletes by id alone; `site` only names the site in errors.
        guard let holder = sites.first(where: { $0.value.contains { $0.webhook.id == id } })?.key else {
            calls.append(Call(site: site, kind: .delete(id: id, found: false), countAfter: sites[site]?.count ?? 0))
            throw .notFound(message: "Webhook not found", context: "deleting webhook \(id) of site \(site)")
        }
        sites[holder]?.removeAll { $0.webhook.id == id }
        calls.append(Call(site: holder, kind: .delete(id: id, found: true), countAfter: sites[holder]?.count ?? 0))
    }
}

/// Which create answers the model loses: decided by the seed, the site, the URL and the
/// attempt, so that a case repeats exactly whatever order concurrent sites run in.
struct AnswerLoss: Sendable {
    var seed: UInt64
    var probability: Double
    /// Attempts after this many are always answered, so that apply's three tries can succeed.
    var maxInARow = 2

    func loses(_ key: String, attempt: Int) -> Bool {
        guard attempt < maxInARow else { return false }
        // FNV-1a over the key, mixed with the seed and the attempt.
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        var random = PropertyRandom(seed: hash ^ seed ^ UInt64(attempt))
        return random.chance(probability)
    }
}
