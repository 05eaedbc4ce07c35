import Foundation
@testable import ZTAHooksCore

/// The ZTA API in memory, with the faults apply must survive, for deterministic Applier tests.
actor FakeWebhookAPI: WebhookAPI {
    var webhooks: [String: [LiveWebhook]] = [:]
    private(set) var secrets: [String: String] = [:]
    /// Every request, in order: "GET site", "POST site url", "DELETE id".
    private(set) var calls: [String] = []
    private var nextID = 1
    /// The next this-many creates are committed, but their answers are lost.
    var loseCreateAnswers = 0
    /// Deletes of these ids fail with a server error.
    var failingDeletes: Set<String> = []
    /// Runs before each create is committed (e.g. to ask apply to stop while it is in flight).
    var beforeCreate: (@Sendable (CreateWebhookRequest) -> Void)?
    /// A wrong API: create answers name this id instead of the webhook's own.
    var answerID: String?
    /// A wrong API: creates store and answer their URL with this appended.
    var answerURLSuffix = ""

    init(_ webhooks: [String: [LiveWebhook]] = [:]) {
        self.webhooks = webhooks
    }

    func set(_ change: @Sendable (isolated FakeWebhookAPI) -> Void) {
        change(self)
    }

    func listWebhooks(site: String) async throws(APIError) -> [LiveWebhook] {
        calls.append("GET \(site)")
        return webhooks[site] ?? []
    }

    func createWebhook(_ request: CreateWebhookRequest) async throws(APIError) -> CreatedWebhook {
        calls.append("POST \(request.siteId) \(request.url)")
        beforeCreate?(request)
        let context = "creating a webhook for site \(request.siteId)"
        guard (webhooks[request.siteId] ?? []).count < APILimits.maxWebhooksPerSite else {
            throw .badRequest(message: "Maximum 10 webhooks per site", context: context)
        }
        let webhook = LiveWebhook(id: "wh_\(nextID)", url: request.url + answerURLSuffix, events: request.events,
                                  createdAt: Date(timeIntervalSince1970: 1_700_000_000 + Double(nextID)))
        let secret = "whsec_fake\(nextID)"
        nextID += 1
        webhooks[request.siteId, default: []].append(webhook)
        secrets[webhook.id] = secret
        if loseCreateAnswers > 0 {
            loseCreateAnswers -= 1
            throw .outcomeUnknown(message: "connection reset", context: context)
        }
        var answered = webhook
        answered.id = answerID ?? webhook.id
        return CreatedWebhook(webhook: answered, secret: secret)
    }

    func deleteWebhook(id: String, site: String) async throws(APIError) {
        calls.append("DELETE \(id)")
        let context = "deleting webhook \(id) of site \(site)"
        if failingDeletes.contains(id) { throw .server(status: 503, message: "busy", context: context) }
        guard let index = webhooks[site]?.firstIndex(where: { $0.id == id }) else {
            throw .notFound(message: "Webhook not found", context: context)
        }
        webhooks[site]?.remove(at: index)
        secrets[id] = nil
    }
}
