import Foundation
import Testing
import ZTAHooksCore
@testable import ZTAClient

/// The hand-written decoder against the Codable decoding it replaced, on generated answers:
/// the same values, or a failure on both with the same words wherever the old words were one
/// of the documented reasons.
@Suite struct DecoderEquivalenceTests {
    static let answers = 4_000

    @Test(arguments: [UInt64(1), 2, 3])
    func generatedAnswersDecodeAsBefore(seed: UInt64) {
        var generator = AnswerGenerator(seed: seed)
        var differences: [String] = []
        for index in 0..<Self.answers {
            let body = Data(generator.answer())
            if let difference = Self.difference(body) {
                differences.append("seed \(seed) answer \(index): \(difference)\n  \(Self.escaped(body))")
            }
        }
        #expect(differences.isEmpty, "\(differences.count) differences, first: \(differences.prefix(12).joined(separator: "\n"))")
    }

    /// The same answers must come out at least partly valid, or the test would prove little.
    @Test func generatedAnswersAreOftenValid() {
        var generator = AnswerGenerator(seed: 1)
        var lists = 0, created = 0
        for _ in 0..<1_000 {
            let body = Data(generator.answer())
            if case .success = CodableOracle.webhookList(body) { lists += 1 }
            if case .success = CodableOracle.createdWebhook(body) { created += 1 }
        }
        #expect(lists > 80)
        #expect(created > 50)
    }

    /// nil when both decoders agree on both answers' readings.
    static func difference(_ body: Data) -> String? {
        if let difference = compare(WireDecoding.webhookList(body), CodableOracle.webhookList(body)) {
            return "list: \(difference)"
        }
        if let difference = compare(WireDecoding.createdWebhook(body), CodableOracle.createdWebhook(body)) {
            return "created: \(difference)"
        }
        return nil
    }

    static func compare<Value: Equatable>(_ new: Result<Value, DecodingProblem>, _ old: Result<Value, DecodingProblem>) -> String? {
        switch (new, old) {
        case (.success(let a), .success(let b)):
            return a == b ? nil : "values differ: \(a) / \(b)"
        case (.failure(let a), .failure(let b)):
            return a == b || !isDocumented(b.description) ? nil : "reasons differ: '\(a.description)' / '\(b.description)'"
        case (.success, .failure(let b)):
            return "new decoder accepts, old says '\(b.description)'"
        case (.failure(let a), .success):
            return "new decoder says '\(a.description)', old accepts"
        }
    }

    static func isDocumented(_ reason: String) -> Bool {
        let endings = ["is missing", "is null", "is not a string", "is not a list", "is not an object",
                       "is not true or false", "is not an ISO 8601 timestamp"]
        return reason == DecodingProblem.notJSON.description || reason == DecodingProblem.notExpectedObject.description
            || (reason.hasPrefix("field '") && endings.contains { reason.hasSuffix($0) })
    }

    static func escaped(_ body: Data) -> String {
        body.prefix(600).map { $0 >= 0x20 && $0 < 0x7F && $0 != 0x5C ? String(UnicodeScalar($0)) : String(format: "\\x%02X", $0) }.joined()
    }
}
