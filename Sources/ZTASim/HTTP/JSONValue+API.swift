/// The API's bodies, keys in the document's order.
extension JSONValue {
    /// A webhook as the API shows it: no site, no description, a secret only when asked for, and
    /// `lastTriggered` only once set.
    static func apiWebhook(_ webhook: SimWebhook, includeSecret: Bool) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(webhook.id)),
            ("url", .string(webhook.url)),
            ("events", .array(webhook.events.map(JSONValue.string))),
        ]
        if includeSecret { members.append(("secret", .string(webhook.secret))) }
        members.append(("active", .bool(webhook.active)))
        members.append(("createdAt", .string(webhook.createdAt)))
        if let lastTriggered = webhook.lastTriggered { members.append(("lastTriggered", .string(lastTriggered))) }
        return .object(members)
    }

    /// Everything the emulator knows about a webhook, as `/_sim/` shows it.
    static func fullWebhook(_ webhook: SimWebhook) -> JSONValue {
        .object([
            ("siteId", .string(webhook.siteId)),
            ("id", .string(webhook.id)),
            ("url", .string(webhook.url)),
            ("events", .array(webhook.events.map(JSONValue.string))),
            ("secret", .string(webhook.secret)),
            ("active", .bool(webhook.active)),
            ("createdAt", .string(webhook.createdAt)),
            ("lastTriggered", webhook.lastTriggered.map(JSONValue.string) ?? .null),
            ("description", webhook.description.map(JSONValue.string) ?? .null),
        ])
    }

    static func list(_ webhooks: [SimWebhook], includeSecrets: Bool) -> JSONValue {
        .object([("webhooks", .array(webhooks.map { apiWebhook($0, includeSecret: includeSecrets) }))])
    }

    static func created(_ webhook: SimWebhook) -> JSONValue {
        .object([("webhook", apiWebhook(webhook, includeSecret: true))])
    }

    static let deleted: JSONValue = .object([("success", true), ("message", "Webhook deleted successfully")])

    static func state(_ webhooks: [SimWebhook]) -> JSONValue {
        .object([("webhooks", .array(webhooks.map(fullWebhook)))])
    }

    static func error(_ message: String) -> JSONValue {
        .object([("error", .string(message))])
    }
}
