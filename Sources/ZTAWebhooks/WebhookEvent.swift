import Foundation

/// One delivery's body: `{"event": ..., "timestamp": ..., "data": {...}}`.
///
/// Decode it only after ``WebhookSignature`` has accepted the raw bytes. Unknown event types
/// decode as ``WebhookEventData/unknown(type:data:)`` and unknown fields are ignored, so that a
/// receiver keeps working when ZTA adds either.
///
/// ```swift
/// let event = try WebhookEvent.decode(body)
/// if case .alert(let alert) = event.data { print(alert.alertName ?? alert.alertId) }
/// ```
public struct WebhookEvent: Hashable, Sendable {
    /// The event type as sent, e.g. `pageview` or `session_end`; also in the `X-ZTA-Event` header.
    public var type: String
    /// When the event happened, as sent: ISO 8601 with milliseconds, e.g. `2024-12-12T16:30:00.000Z`.
    /// Kept as text so that an idempotency key built from it matches the sender's exactly.
    public var timestamp: String
    /// The event's details, typed by event type.
    public var data: WebhookEventData

    /// An event as a test of a receiver's own code might build it.
    public init(type: String, timestamp: String, data: WebhookEventData) {
        self.type = type
        self.timestamp = timestamp
        self.data = data
    }

    /// ``timestamp`` as a date; `nil` when it is not ISO 8601.
    public var date: Date? {
        let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        return (try? withFraction.parse(timestamp)) ?? (try? Date.ISO8601FormatStyle().parse(timestamp))
    }

    /// Decodes a delivery's body (the raw bytes, once verified).
    public static func decode(_ body: some DataProtocol) throws -> WebhookEvent {
        try JSONDecoder().decode(WebhookEvent.self, from: Data(body))
    }
}

extension WebhookEvent: Decodable {
    private enum CodingKeys: String, CodingKey {
        case event, timestamp, data
    }

    /// Reads `event`, `timestamp` and `data`; `data` is typed by `event`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(String.self, forKey: .event)
        timestamp = try container.decode(String.self, forKey: .timestamp)
        switch type {
        case "pageview": data = .pageview(try container.decode(PageviewData.self, forKey: .data))
        case "event": data = .custom(try container.decode(CustomEventData.self, forKey: .data))
        case "goal": data = .goal(try container.decode(GoalData.self, forKey: .data))
        case "alert": data = .alert(try container.decode(AlertData.self, forKey: .data))
        case "session_end": data = .sessionEnd(try container.decode(SessionEndData.self, forKey: .data))
        default: data = .unknown(type: type, data: try container.decodeIfPresent(JSONValue.self, forKey: .data) ?? .null)
        }
    }
}
