/// A live webhook deleted: not declared (with `prune: true`), or a duplicate of a kept one.
public struct DeleteAction: Hashable, Sendable {
    /// The name the secrets file recorded for it, when it knows the webhook.
    public var name: String?
    public var url: String
    /// The events the live webhook has, as the API listed them.
    public var events: [String]
    public var reasons: [String]
    public var id: String

    public init(name: String?, url: String, events: [String], reasons: [String], id: String) {
        self.name = name
        self.url = url
        self.events = events
        self.reasons = reasons
        self.id = id
    }
}
