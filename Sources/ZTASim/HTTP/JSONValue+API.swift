/// The API's bodies, keys in the document's order.
extension JSONValue {
    /// A webhook as the API shows it: no site, no description, a secret only when asked for, and
    /// `lastTriggered` only once set.
    ///
    /// `breakContract` (a test-only fault) gives `active` as a string and leaves `createdAt` out.
    static func apiWebhook(_ webhook: SimWebhook, includeSecret: Bool, breakContract: Bool = false) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(webhook.id)),
            ("url", .string(webhook.url)),
            ("events", .array(webhook.events.map(JSONValue.string))),
        ]
        if includeSecret { members.append(("secret", .string(webhook.secret))) }
        if breakContract {
            members.append(("active", .string(webhook.active ? "yes" : "no")))
        } else {
            members.append(("active", .bool(webhook.active)))
            members.append(("createdAt", .string(webhook.createdAt)))
        }
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

    static func list(_ webhooks: [SimWebhook], includeSecrets: Bool, breakContract: Bool = false) -> JSONValue {
        .object([("webhooks", .array(webhooks.map { apiWebhook($0, includeSecret: includeSecrets, breakContract: breakContract) }))])
    }

    static func created(_ webhook: SimWebhook, breakContract: Bool = false) -> JSONValue {
        .object([("webhook", apiWebhook(webhook, includeSecret: true, breakContract: breakContract))])
    }

    static let deleted: JSONValue = .object([("success", true), ("message", "Webhook deleted successfully")])

    static func state(_ webhooks: [SimWebhook]) -> JSONValue {
        .object([("webhooks", .array(webhooks.map(fullWebhook)))])
    }

    static func error(_ message: String) -> JSONValue {
        .object([("error", .string(message))])
    }
}
