/// The event types the ZTA API accepts, in the document's order.
public enum EventType: String, CaseIterable, Codable, Sendable, Comparable {
    case pageview
    case event
    case goal
    case alert
    case sessionEnd = "session_end"

    public static func < (a: EventType, b: EventType) -> Bool {
        a.order < b.order
    }

    private var order: Int { EventType.allCases.firstIndex(of: self)! }

    /// The API's own limit on event types per webhook.
    public static let maxPerWebhook = 5
}

extension [EventType] {
    /// The events as the API spells them. The wire, the secrets file and live webhooks keep
    /// strings (the server may list a type this version does not know); declared events meet
    /// them through this.
    public var rawValues: [String] { map(\.rawValue) }
}

/// Limits the ZTA API enforces; the validator, the schema and the planner read them from here.
public enum APILimits {
    public static let maxWebhooksPerSite = 10
    public static let maxEventsPerWebhook = EventType.maxPerWebhook
}
