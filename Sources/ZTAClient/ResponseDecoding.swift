import Foundation
import ZTAHooksCore

/// Pure functions from an answer's bytes to values, or to a one-line reason that names the
/// field at fault and never quotes the body (which may hold a secret). `package` so that the
/// fuzz target can feed them any bytes.
package enum ResponseDecoding {
    package static func webhookList(_ body: Data) -> Result<[LiveWebhook], DecodingProblem> {
        WireDecoding.webhookList(body)
    }

    package static func createdWebhook(_ body: Data) -> Result<CreatedWebhook, DecodingProblem> {
        WireDecoding.createdWebhook(body)
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
