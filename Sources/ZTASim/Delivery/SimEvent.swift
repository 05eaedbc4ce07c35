import Foundation

/// An event to deliver: the body of `POST /_sim/publish`.
///
/// `data` is optional; without it the document's example data for the event type is used. The
/// site id is always written as `data.siteId`.
struct SimEvent: Decodable {
    var event: String
    var siteId: String
    var data: JSONValue?
    /// ISO 8601; the publish time when absent.
    var timestamp: String?
    /// Answer only once every delivery, retries included, has finished.
    var wait: Bool?

    /// The delivery body, keys in the document's order, written exactly as JavaScript's
    /// `JSON.stringify` would write it back after parsing, so that the document's Node snippet,
    /// which signs the re-serialized body, computes the same signature as the raw body gives.
    func payload(at now: String) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if case .object(let given) = data ?? Self.exampleData(for: event) {
            members = given.filter { $0.0 != "siteId" }
        }
        // Integer-like keys would move ahead of siteId in JavaScript, so they go first here too.
        let isIndex: ((String, JSONValue)) -> Bool = { member in
            guard let value = UInt32(member.0) else { return false }
            return value < UInt32.max && String(value) == member.0
        }
        let ordered = members.filter(isIndex) + [("siteId", .string(siteId))] + members.filter { !isIndex($0) }
        return .object([
            ("event", .string(event)),
            ("timestamp", .string(timestamp ?? now)),
            ("data", .object(ordered)),
        ])
    }

    /// The document's example data (without `siteId`), in the document's key order.
    static func exampleData(for event: String) -> JSONValue {
        switch event {
        case "pageview":
            .object([
                ("path", "/blog/my-article"), ("referrer", "https://google.com"), ("country", "US"),
                ("device", "desktop"), ("browser", "Chrome"),
            ])
        case "event":
            .object([
                ("action", "signup_click"), ("category", "conversion"), ("label", "hero_button"),
                ("value", .number(1)), ("path", "/pricing"),
            ])
        case "goal":
            .object([
                ("goalId", "goal_abc123"), ("goalName", "Newsletter Signup"), ("path", "/thank-you"),
                ("value", .number(1)),
            ])
        case "alert":
            .object([
                ("alertId", "alert_abc123"), ("alertName", "Traffic Spike"), ("condition", "pageviews > 1000"),
                ("currentValue", .number(1543)), ("threshold", .number(1000)),
            ])
        default:
            // The document shows no session_end body; this one is a plausible stand-in.
            .object([("sessionId", "sess_abc123"), ("duration", .number(342)), ("pageviews", .number(5))])
        }
    }
}
