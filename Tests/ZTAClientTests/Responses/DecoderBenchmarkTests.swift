import Foundation
import Testing
import ZTAHooksCore
@testable import ZTAClient

/// Prints what decoding an answer costs with the hand-written reader and with the Codable
/// decoding it replaced; asserts only that both read the same values.
/// Run with `BENCH=1 swift test -c release --filter DecoderBenchmarkTests`.
@Suite(.serialized) struct DecoderBenchmarkTests {
    static let enabled = ProcessInfo.processInfo.environment["BENCH"] == "1"
    static let rounds = 20_000

    static let list = Data("""
        {"webhooks": [{"id": "wh_abc123", "url": "https://hooks.example.com/zta/site-1", "events": ["pageview", "goal"],
          "active": true, "createdAt": "2024-12-01T10:00:00.000Z", "lastTriggered": "2024-12-12T15:30:00.000Z"},
          {"id": "wh_def456", "url": "https://hooks.example.com/zta/site-1/alerts", "events": ["alert"],
          "active": false, "createdAt": "2024-12-02T11:00:00.000Z", "lastTriggered": null}]}
        """.utf8)
    static let created = Data("""
        {"webhook": {"id": "wh_abc123", "url": "https://hooks.example.com/zta/site-1", "events": ["pageview", "goal"],
          "secret": "whsec_0123456789abcdef0123456789abcdef", "active": true, "createdAt": "2024-12-12T16:00:00.000Z"}}
        """.utf8)

    @Test(.enabled(if: enabled)) func listAnswers() {
        #expect(WireDecoding.webhookList(Self.list) == CodableOracle.webhookList(Self.list))
        let old = Self.microseconds { _ = CodableOracle.webhookList(Self.list) }
        let new = Self.microseconds { _ = WireDecoding.webhookList(Self.list) }
        print("decoder bench: list answer (2 webhooks): Codable \(old) µs, hand-written \(new) µs per answer")
    }

    @Test(.enabled(if: enabled)) func createdAnswers() {
        #expect(WireDecoding.createdWebhook(Self.created) == CodableOracle.createdWebhook(Self.created))
        let old = Self.microseconds { _ = CodableOracle.createdWebhook(Self.created) }
        let new = Self.microseconds { _ = WireDecoding.createdWebhook(Self.created) }
        print("decoder bench: create answer: Codable \(old) µs, hand-written \(new) µs per answer")
    }

    /// The best of three runs of `rounds` decodings, per decoding.
    static func microseconds(_ decode: () -> Void) -> String {
        let clock = ContinuousClock()
        var best = Duration.seconds(1_000)
        for _ in 0..<3 {
            best = min(best, clock.measure { for _ in 0..<rounds { decode() } })
        }
        let perAnswer = Double(best.components.seconds) * 1e6 / Double(rounds)
            + Double(best.components.attoseconds) / 1e12 / Double(rounds)
        return String(format: "%.2f", perAnswer)
    }
}
