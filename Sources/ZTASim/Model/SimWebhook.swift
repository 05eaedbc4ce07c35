/// A webhook as the emulator stores it: everything the server knows, secret and description included.
public struct SimWebhook: Codable, Sendable, Equatable {
    public var siteId: String
    public var id: String
    public var url: String
    public var events: [String]
    public var secret: String
    public var active: Bool
    /// ISO 8601 with milliseconds, exactly as the API returns it.
    public var createdAt: String
    public var lastTriggered: String?
    /// Accepted on create, kept, and never returned by the API (only by `/_sim/state`).
    public var description: String?
    /// Failed deliveries (each after its retries) since the last successful one; kept in the state
    /// so that the count survives restarts, such as one `trigger --sandbox` run per event.
    public var failuresInARow: Int?

    public init(
        siteId: String, id: String, url: String, events: [String], secret: String,
        active: Bool = true, createdAt: String, lastTriggered: String? = nil, description: String? = nil,
        failuresInARow: Int? = nil
    ) {
        self.siteId = siteId
        self.id = id
        self.url = url
        self.events = events
        self.secret = secret
        self.active = active
        self.createdAt = createdAt
        self.lastTriggered = lastTriggered
        self.description = description
        self.failuresInARow = failuresInARow
    }

    // Absent optionals are written as null so that `/_sim/state` and the state file keep one shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(siteId, forKey: .siteId)
        try container.encode(id, forKey: .id)
        try container.encode(url, forKey: .url)
        try container.encode(events, forKey: .events)
        try container.encode(secret, forKey: .secret)
        try container.encode(active, forKey: .active)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(lastTriggered, forKey: .lastTriggered)
        try container.encode(description, forKey: .description)
        // Only while failing: the state of a healthy emulator keeps the shape it always had.
        try container.encodeIfPresent(failuresInARow, forKey: .failuresInARow)
    }
}

/// A webhook to put straight into the state, bypassing the API's checks (for tests and demos).
///
/// Only `siteId`, `url` and `events` are required; the rest is generated when missing.
public struct SimWebhookSeed: Codable, Sendable, Equatable {
    public var siteId: String
    public var url: String
    public var events: [String]
    public var id: String?
    public var secret: String?
    public var active: Bool?
    public var createdAt: String?
    public var lastTriggered: String?
    public var description: String?

    public init(
        siteId: String, url: String, events: [String], id: String? = nil, secret: String? = nil,
        active: Bool? = nil, createdAt: String? = nil, lastTriggered: String? = nil, description: String? = nil
    ) {
        self.siteId = siteId
        self.url = url
        self.events = events
        self.id = id
        self.secret = secret
        self.active = active
        self.createdAt = createdAt
        self.lastTriggered = lastTriggered
        self.description = description
    }
}
