import Foundation

/// The body of `POST /api/webhooks`, checked field by field so every malformed body gets a clear 400.
struct CreateRequest: Equatable {
    var siteId: String
    var url: String
    var events: [String]
    var description: String?

    static let eventTypes: Set<String> = ["pageview", "event", "goal", "alert", "session_end"]
    static let maxEvents = 5

    /// Parses the JSON body; the error is the message for `{"error": …}`.
    static func parse(_ data: Data) -> Result<CreateRequest, Message> {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            return .failure("Invalid JSON body")
        }
        guard let siteId = object["siteId"] as? String, !siteId.isEmpty else {
            return .failure("siteId is required")
        }
        guard let rawURL = object["url"], !(rawURL is NSNull) else {
            return .failure("url is required")
        }
        guard let url = rawURL as? String else {
            return .failure("url must be a string")
        }
        guard let rawEvents = object["events"], !(rawEvents is NSNull) else {
            return .failure("events is required")
        }
        guard let list = rawEvents as? [Any], let events = list as? [String], list.allSatisfy({ $0 is String }) else {
            return .failure("events must be an array of strings")
        }
        var description: String?
        if let rawDescription = object["description"], !(rawDescription is NSNull) {
            guard let text = rawDescription as? String else { return .failure("description must be a string") }
            description = text
        }
        return .success(CreateRequest(siteId: siteId, url: url, events: events, description: description))
    }

    /// The API's own checks on a well-formed request, in the order the server applies them.
    ///
    /// The document is silent on a URL that is no URI (a space, a control character, a letter
    /// outside ASCII) and on an event type given twice; the emulator refuses both, so that it
    /// never answers with a webhook its own contract (`schemas/zta-api.openapi.yaml`) forbids.
    var problem: String? {
        if !Self.isHTTPS(url) { return "URL must use HTTPS" }
        if !Self.isURI(url) { return "Invalid URL" }
        if events.isEmpty { return "At least one event type is required" }
        if events.count > Self.maxEvents { return "Maximum 5 event types per webhook" }
        if let invalid = events.first(where: { !Self.eventTypes.contains($0) }) {
            return "Invalid event type: \(invalid)"
        }
        var seen = Set<String>()
        if let repeated = events.first(where: { !seen.insert($0).inserted }) {
            return "Duplicate event type: \(repeated)"
        }
        return nil
    }

    /// Printable ASCII without spaces, as RFC 3986 allows in a URI (anything else percent-encoded).
    static func isURI(_ url: String) -> Bool {
        url.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "<")
            && $0 != UInt8(ascii: ">") && $0 != UInt8(ascii: "\\") && $0 != UInt8(ascii: "^") && $0 != UInt8(ascii: "`")
            && $0 != UInt8(ascii: "{") && $0 != UInt8(ascii: "|") && $0 != UInt8(ascii: "}") }
    }

    static func isHTTPS(_ url: String) -> Bool {
        guard let components = URLComponents(string: url),
            components.scheme?.lowercased() == "https",
            let host = components.host, !host.isEmpty
        else { return false }
        return true
    }

    struct Message: Error, Equatable, ExpressibleByStringLiteral {
        var text: String
        init(stringLiteral text: String) { self.text = text }
    }
}
