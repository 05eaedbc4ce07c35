import Foundation

/// The snapshot's JSON: `{"version": 1, "webhooks": [...]}`, pretty-printed with sorted keys, as
/// the state file has always been (so older files load and `cat` shows the state).
enum SimSnapshot {
    private struct Contents: Codable {
        var version: Int
        var webhooks: [SimWebhook]
    }

    static func encode(_ webhooks: [SimWebhook]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(Contents(version: 1, webhooks: webhooks))
        data.append(0x0A)
        return data
    }

    static func decode(_ data: Data) throws -> [SimWebhook] {
        try JSONDecoder().decode(Contents.self, from: data).webhooks
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DecodingError {
            switch error {
            case .dataCorrupted(let context), .keyNotFound(_, let context),
                .typeMismatch(_, let context), .valueNotFound(_, let context):
                return context.debugDescription
            @unknown default:
                return "not a valid state file"
            }
        }
        return (error as NSError).localizedDescription
    }
}
