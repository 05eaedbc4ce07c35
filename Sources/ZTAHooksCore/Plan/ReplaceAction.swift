/// A live webhook re-created, because the API has no update: a new one with the declared
/// events and a new secret takes the place of `id`.
public struct ReplaceAction: Hashable, Sendable {
    public var name: String
    public var url: String
    /// The events the new webhook will have, as declared.
    public var events: [EventType]
    public var reasons: [String]
    /// The live webhook that goes away.
    public var id: String
    /// The events the live webhook has now.
    public var currentEvents: [String]
    /// Set by `PlanOrdering` from the site's room; create-then-delete until then.
    public var order: PlannedAction.ReplaceOrder
    /// Sent on create; not secret, but the API never returns it.
    public var description: String?

    public init(name: String, url: String, events: [EventType], reasons: [String], id: String, currentEvents: [String],
                order: PlannedAction.ReplaceOrder = .createThenDelete, description: String? = nil) {
        self.name = name
        self.url = url
        self.events = events
        self.reasons = reasons
        self.id = id
        self.currentEvents = currentEvents
        self.order = order
        self.description = description
    }

    /// What the create half sends: the same webhook under the same name.
    public var create: CreateAction {
        CreateAction(name: name, url: url, events: events, reasons: reasons, description: description)
    }
}
