/// A declared webhook that is not live: created with a new secret.
public struct CreateAction: Hashable, Sendable {
    public var name: String
    public var url: String
    /// The events the new webhook will have, as declared.
    public var events: [EventType]
    public var reasons: [String]
    /// Sent on create; not secret, but the API never returns it.
    public var description: String?

    public init(name: String, url: String, events: [EventType], reasons: [String], description: String? = nil) {
        self.name = name
        self.url = url
        self.events = events
        self.reasons = reasons
        self.description = description
    }
}
