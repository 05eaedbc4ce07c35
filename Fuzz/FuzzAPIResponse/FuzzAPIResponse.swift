import Foundation
import FuzzHarness
import ZTAClient

/// Answers come from the network: the decoder must turn any bytes into values or a one-line
/// reason, and neither the reason nor the server's quoted message may carry a secret.
@main
enum FuzzAPIResponse {
    static func main() {
        FuzzHarness.run(test)
    }

    @Sendable static func test(_ bytes: [UInt8]) {
        let body = Data(bytes)
        let list = ResponseDecoding.webhookList(body)
        if case .failure(let problem) = list {
            checkReason(problem.description)
        }
        checkSameReading(list, CodableOracle.webhookList(body), "list")
        let created = ResponseDecoding.createdWebhook(body)
        if case .failure(let problem) = created {
            checkReason(problem.description)
        }
        checkSameReading(created, CodableOracle.createdWebhook(body), "created")
        if let message = ResponseDecoding.serverMessage(body) {
            FuzzHarness.require(!message.isEmpty, "an empty server message instead of nil")
            FuzzHarness.require(!message.contains("whsec_"), "a server message quotes a secret")
            FuzzHarness.require(message.count <= Redaction.maxQuotedCharacters + 1, "a server message is not capped")
            FuzzHarness.require(!message.unicodeScalars.contains { $0.properties.generalCategory == .control },
                                "a server message keeps a control character")
        }
    }

    /// The hand-written reader reads what the Codable decoding read: the same value, or a
    /// failure on both, in the same words wherever the old words were a documented reason.
    static func checkSameReading<Value: Equatable>(
        _ new: Result<Value, DecodingProblem>, _ old: Result<Value, DecodingProblem>, _ answer: String
    ) {
        switch (new, old) {
        case (.success(let a), .success(let b)):
            FuzzHarness.require(a == b, "a \(answer) answer decodes to another value than with JSONDecoder")
        case (.failure(let a), .failure(let b)):
            FuzzHarness.require(a == b || !isDocumented(b.description),
                                "a \(answer) answer fails as '\(a.description)', with JSONDecoder as '\(b.description)'")
        case (.success, .failure(let b)):
            FuzzHarness.require(false, "a \(answer) answer decodes, with JSONDecoder it fails as '\(b.description)'")
        case (.failure(let a), .success):
            FuzzHarness.require(false, "a \(answer) answer fails as '\(a.description)', JSONDecoder decodes it")
        }
    }

    static func isDocumented(_ reason: String) -> Bool {
        let endings = ["is missing", "is null", "is not a string", "is not a list", "is not an object",
                       "is not true or false", "is not an ISO 8601 timestamp"]
        return reason == "the answer is not valid JSON" || reason == "the answer is not the expected JSON object"
            || (reason.hasPrefix("field '") && endings.contains { reason.hasSuffix($0) })
    }

    /// A reason names a field, never a value: no secret, no line break, never empty.
    static func checkReason(_ reason: String) {
        FuzzHarness.require(!reason.isEmpty, "an empty decoding reason")
        FuzzHarness.require(!reason.contains("whsec_"), "a decoding reason quotes a secret")
        FuzzHarness.require(!reason.contains("\n"), "a decoding reason spans lines")
    }
}
