import Foundation

/// One change in the state file's log: a webhook as it now is, or a webhook gone.
///
/// A create, a failure count, a delivery stamp and a disable are all the same `put` of the whole
/// webhook, so that replaying a line twice (a fold that crashed before it emptied the log) or
/// a line whose change the snapshot already holds leaves the same state: replay is idempotent.
enum SimLogEntry: Codable, Equatable, Sendable {
    case put(SimWebhook)
    case delete(id: String)

    private enum CodingKeys: String, CodingKey {
        case op, webhook, id
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .op) {
        case "put":
            self = .put(try container.decode(SimWebhook.self, forKey: .webhook))
        case "delete":
            self = .delete(id: try container.decode(String.self, forKey: .id))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .op, in: container, debugDescription: "unknown change '\(other)'")
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .put(let webhook):
            try container.encode("put", forKey: .op)
            try container.encode(webhook, forKey: .webhook)
        case .delete(let id):
            try container.encode("delete", forKey: .op)
            try container.encode(id, forKey: .id)
        }
    }
}
