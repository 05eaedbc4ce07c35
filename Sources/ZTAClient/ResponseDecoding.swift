import Foundation
import ZTAHooksCore

/// Pure functions from an answer's bytes to values, or to a one-line reason that names the
/// field at fault and never quotes the body (which may hold a secret). `package` so that the
/// fuzz target can feed them any bytes.
package enum ResponseDecoding {
    package static func webhookList(_ body: Data) -> Result<[LiveWebhook], DecodingProblem> {
        let decoder = JSONDecoder()
        do {
            return .success(try decoder.decode(WireWebhookList.self, from: body).webhooks.map(\.webhook))
        } catch let envelopeError {
            // Some servers answer with the bare array; accept it, but report the envelope's
            // problem when that does not work either.
            if let bare = try? decoder.decode([WireWebhook].self, from: body) {
                return .success(bare.map(\.webhook))
            }
            return .failure(DecodingProblem(envelopeError))
        }
    }

    package static func createdWebhook(_ body: Data) -> Result<CreatedWebhook, DecodingProblem> {
        do {
            return .success(try JSONDecoder().decode(WireCreatedWebhook.self, from: body).created)
        } catch {
            return .failure(DecodingProblem(error))
        }
    }

    /// The server's own words from an error answer: `{"error": "..."}` (the documented form),
    /// `{"error": {"message": "..."}}` or `{"message": "..."}`; nil when there are none.
    package static func serverMessage(_ body: Data) -> String? {
        guard !body.isEmpty,
              let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any]
        else { return nil }
        let text: String?
        if let error = object["error"] as? String {
            text = error
        } else if let error = object["error"] as? [String: Any], let message = error["message"] as? String {
            text = message
        } else if let message = object["message"] as? String {
            text = message
        } else {
            text = nil
        }
        guard let text else { return nil }
        let cleaned = Redaction.scrub(text)
        return cleaned.isEmpty ? nil : cleaned
    }
}

/// Why an answer could not be read, phrased for a human.
package struct DecodingProblem: Error, Equatable {
    package var description: String

    init(description: String) {
        self.description = description
    }

    init(_ error: any Error) {
        guard let error = error as? DecodingError else {
            self.description = "the answer is not valid JSON"
            return
        }
        switch error {
        case .keyNotFound(let key, let context):
            description = "field '\(Self.path(context.codingPath + [key]))' is missing"
        case .valueNotFound(_, let context):
            description = "field '\(Self.path(context.codingPath))' is null"
        case .typeMismatch(let type, let context):
            description = context.codingPath.isEmpty
                ? "the answer is not the expected JSON object"
                : "field '\(Self.path(context.codingPath))' is not \(Self.article(type))"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                description = "the answer is not valid JSON"
            } else if context.debugDescription == WireWebhook.timestampProblem {
                description = "field '\(Self.path(context.codingPath))' \(WireWebhook.timestampProblem)"
            } else {
                description = "field '\(Self.path(context.codingPath))' is not valid"
            }
        @unknown default:
            description = "the answer could not be decoded"
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else if key.stringValue.hasPrefix("Index ") {
                text += "[\(key.stringValue.dropFirst(6))]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }

    private static func article(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is [String].Type, is [Any].Type: return "a list"
        default:
            let name = "\(type)"
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "of the expected type"
        }
    }
}
