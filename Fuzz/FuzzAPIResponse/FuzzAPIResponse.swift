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
        if case .failure(let problem) = ResponseDecoding.webhookList(body) {
            checkReason(problem.description)
        }
        if case .failure(let problem) = ResponseDecoding.createdWebhook(body) {
            checkReason(problem.description)
        }
        if let message = ResponseDecoding.serverMessage(body) {
            FuzzHarness.require(!message.isEmpty, "an empty server message instead of nil")
            FuzzHarness.require(!message.contains("whsec_"), "a server message quotes a secret")
            FuzzHarness.require(message.count <= Redaction.maxQuotedCharacters + 1, "a server message is not capped")
            FuzzHarness.require(!message.unicodeScalars.contains { $0.properties.generalCategory == .control },
                                "a server message keeps a control character")
        }
    }

    /// A reason names a field, never a value: no secret, no line break, never empty.
    static func checkReason(_ reason: String) {
        FuzzHarness.require(!reason.isEmpty, "an empty decoding reason")
        FuzzHarness.require(!reason.contains("whsec_"), "a decoding reason quotes a secret")
        FuzzHarness.require(!reason.contains("\n"), "a decoding reason spans lines")
    }
}
