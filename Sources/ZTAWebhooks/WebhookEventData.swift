/// The `data` of a delivery, by event type.
///
/// For the four types the API document shows, `siteId` and the field naming what happened
/// (`path`, `action`, `goalId`, `alertId`) are required; every other field is optional, since
/// the document gives one example of each and never says which fields are always present.
public enum WebhookEventData: Hashable, Sendable {
    /// `pageview`: a page was viewed.
    case pageview(PageviewData)
    /// `event`: a custom event the site sent.
    case custom(CustomEventData)
    /// `goal`: a goal was completed.
    case goal(GoalData)
    /// `alert`: an alert fired.
    case alert(AlertData)
    /// `session_end`: a session ended. The API document shows no body for it; see ``SessionEndData``.
    case sessionEnd(SessionEndData)
    /// An event type this library does not know, with its `data` as sent (`null` when absent).
    case unknown(type: String, data: JSONValue)

    /// The site the event belongs to; `nil` only for an unknown type without a string `siteId`.
    public var siteId: String? {
        switch self {
        case .pageview(let data): data.siteId
        case .custom(let data): data.siteId
        case .goal(let data): data.siteId
        case .alert(let data): data.siteId
        case .sessionEnd(let data): data.siteId
        case .unknown(_, let data): data["siteId"]?.stringValue
        }
    }
}

/// The `data` of a `pageview` event.
public struct PageviewData: Hashable, Sendable, Decodable {
    /// The site the event happened on, e.g. `site_abc123`.
    public var siteId: String
    /// The page's path, e.g. `/blog/my-article`.
    public var path: String
    /// Where the visitor came from, e.g. `https://google.com`.
    public var referrer: String?
    /// A country code, e.g. `US`.
    public var country: String?
    /// e.g. `desktop`.
    public var device: String?
    /// e.g. `Chrome`.
    public var browser: String?

    /// Data as a test of a receiver's own code might build it.
    public init(siteId: String, path: String, referrer: String? = nil, country: String? = nil, device: String? = nil, browser: String? = nil) {
        self.siteId = siteId
        self.path = path
        self.referrer = referrer
        self.country = country
        self.device = device
        self.browser = browser
    }
}

/// The `data` of a custom event (event type `event`).
public struct CustomEventData: Hashable, Sendable, Decodable {
    /// The site the event happened on, e.g. `site_abc123`.
    public var siteId: String
    /// What happened, e.g. `signup_click`.
    public var action: String
    /// e.g. `conversion`.
    public var category: String?
    /// e.g. `hero_button`.
    public var label: String?
    /// A number the site attached; integer or fraction.
    public var value: Double?
    /// The page the event happened on.
    public var path: String?

    /// Data as a test of a receiver's own code might build it.
    public init(siteId: String, action: String, category: String? = nil, label: String? = nil, value: Double? = nil, path: String? = nil) {
        self.siteId = siteId
        self.action = action
        self.category = category
        self.label = label
        self.value = value
        self.path = path
    }
}

/// The `data` of a `goal` event.
public struct GoalData: Hashable, Sendable, Decodable {
    /// The site the event happened on, e.g. `site_abc123`.
    public var siteId: String
    /// The goal's id, e.g. `goal_abc123`.
    public var goalId: String
    /// e.g. `Newsletter Signup`.
    public var goalName: String?
    /// The page where the goal was completed.
    public var path: String?
    /// The goal's value; integer or fraction.
    public var value: Double?

    /// Data as a test of a receiver's own code might build it.
    public init(siteId: String, goalId: String, goalName: String? = nil, path: String? = nil, value: Double? = nil) {
        self.siteId = siteId
        self.goalId = goalId
        self.goalName = goalName
        self.path = path
        self.value = value
    }
}

/// The `data` of an `alert` event.
public struct AlertData: Hashable, Sendable, Decodable {
    /// The site the event happened on, e.g. `site_abc123`.
    public var siteId: String
    /// The alert's id, e.g. `alert_abc123`.
    public var alertId: String
    /// e.g. `Traffic Spike`.
    public var alertName: String?
    /// The alert's rule as text, e.g. `pageviews > 1000`.
    public var condition: String?
    /// The measured value that fired the alert; integer or fraction.
    public var currentValue: Double?
    /// The value the rule compares with; integer or fraction.
    public var threshold: Double?

    /// Data as a test of a receiver's own code might build it.
    public init(siteId: String, alertId: String, alertName: String? = nil, condition: String? = nil, currentValue: Double? = nil,
                threshold: Double? = nil) {
        self.siteId = siteId
        self.alertId = alertId
        self.alertName = alertName
        self.condition = condition
        self.currentValue = currentValue
        self.threshold = threshold
    }
}

/// The `data` of a `session_end` event.
///
/// The API document lists `session_end` but shows no body. These fields are the ones the
/// ztahooks emulator sends; each is optional and a field of an unexpected type reads as `nil`,
/// so that the real shape, whatever it is, never fails to decode.
public struct SessionEndData: Hashable, Sendable {
    /// The site the session was on.
    public var siteId: String?
    /// e.g. `sess_abc123`.
    public var sessionId: String?
    /// The session's length, in a unit the document does not state (the emulator sends seconds).
    public var duration: Double?
    /// Pages viewed in the session.
    public var pageviews: Double?

    /// Data as a test of a receiver's own code might build it.
    public init(siteId: String? = nil, sessionId: String? = nil, duration: Double? = nil, pageviews: Double? = nil) {
        self.siteId = siteId
        self.sessionId = sessionId
        self.duration = duration
        self.pageviews = pageviews
    }
}

extension SessionEndData: Decodable {
    private enum CodingKeys: String, CodingKey {
        case siteId, sessionId, duration, pageviews
    }

    /// Reads whichever of the fields are present and of the expected type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        siteId = (try? container.decodeIfPresent(String.self, forKey: .siteId)) ?? nil
        sessionId = (try? container.decodeIfPresent(String.self, forKey: .sessionId)) ?? nil
        duration = (try? container.decodeIfPresent(Double.self, forKey: .duration)) ?? nil
        pageviews = (try? container.decodeIfPresent(Double.self, forKey: .pageviews)) ?? nil
    }
}
