import Foundation

/// The three things the ZTA API can do with a site's webhooks.
///
/// The core speaks to the API only through this protocol: the HTTP client implements it for
/// production and the sandbox, tests implement it with hand-written fakes.
public protocol WebhookAPI: Sendable {
    /// `GET /api/webhooks?siteId=`.
    func listWebhooks(site: String) async throws(APIError) -> [LiveWebhook]
    /// `POST /api/webhooks`. Never retried blindly: a lost answer surfaces as
    /// `APIError.outcomeUnknown`, and the caller lists the site again to learn what happened.
    func createWebhook(_ request: CreateWebhookRequest) async throws(APIError) -> CreatedWebhook
    /// `DELETE /api/webhooks?id=`. A 404 after a retry counts as done; `site` only names the
    /// site in errors.
    func deleteWebhook(id: String, site: String) async throws(APIError)
}

/// A webhook as the API lists it. Never carries a secret, even when the server sends one.
public struct LiveWebhook: Hashable, Sendable, Codable {
    public var id: String
    public var url: String
    /// Kept as strings: the server may one day send a type this version does not know.
    public var events: [String]
    public var active: Bool
    public var createdAt: Date?
    public var lastTriggered: Date?

    public init(id: String, url: String, events: [String], active: Bool = true, createdAt: Date? = nil, lastTriggered: Date? = nil) {
        self.id = id
        self.url = url
        self.events = events
        self.active = active
        self.createdAt = createdAt
        self.lastTriggered = lastTriggered
    }

    public var identity: String { WebhookURL.normalized(url) }
}

/// The body of `POST /api/webhooks`.
public struct CreateWebhookRequest: Hashable, Sendable, Codable {
    public var siteId: String
    public var url: String
    public var events: [String]
    public var description: String?

    public init(siteId: String, url: String, events: [String], description: String? = nil) {
        self.siteId = siteId
        self.url = url
        self.events = events
        self.description = description
    }
}

/// The answer to a create: the webhook and its signing secret, which the API returns only here.
public struct CreatedWebhook: Hashable, Sendable {
    public var webhook: LiveWebhook
    public var secret: String

    public init(webhook: LiveWebhook, secret: String) {
        self.webhook = webhook
        self.secret = secret
    }
}

extension CreatedWebhook: CustomStringConvertible, CustomDebugStringConvertible {
    // A secret must never reach a log line through string interpolation.
    public var description: String { "CreatedWebhook(id: \(webhook.id), url: \(webhook.url), secret: <redacted>)" }
    public var debugDescription: String { description }
}
