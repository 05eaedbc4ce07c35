import Foundation
import Testing
import ZTAHooksCore
@testable import ZTAClient

@Suite struct RetryPolicyTests {
    private let policy = RetryPolicy(maxAttempts: 4, backoffBase: .milliseconds(200), backoffCap: .seconds(5),
                                     maxRetryAfter: .seconds(30))
    private let context = "deleting webhook wh_1 of site site_a"
    private let now = Date(timeIntervalSince1970: 1_700_000_000)

    private func decide(_ method: HTTPMethod, _ outcome: Result<HTTPExchange, TransportFailure>, attempt: Int = 1,
                        committed: Bool = false) -> RetryPolicy.Decision {
        policy.decide(method: method, outcome: outcome, attempt: attempt, earlierAttemptMayHaveCommitted: committed,
                      context: context, now: now)
    }

    private func status(_ code: Int, _ headers: [String: String] = [:], body: String = "") -> Result<HTTPExchange, TransportFailure> {
        .success(HTTPExchange(status: code, headers: headers, body: Data(body.utf8)))
    }

    private func failure(_ kind: TransportFailure.Kind) -> Result<HTTPExchange, TransportFailure> {
        .failure(TransportFailure(kind, "the failure"))
    }

    @Test(arguments: [HTTPMethod.get, .delete])
    func idempotentMethodsRetryServerErrorsAndTransportFailures(method: HTTPMethod) {
        #expect(decide(method, status(500)) == .retry(.backoff))
        #expect(decide(method, status(503)) == .retry(.backoff))
        #expect(decide(method, failure(.timedOut)) == .retry(.backoff))
        #expect(decide(method, failure(.connectionLost)) == .retry(.backoff))
        #expect(decide(method, failure(.notSent)) == .retry(.backoff))
        #expect(decide(method, failure(.permanent)) == .fail(.transport(message: "the failure", context: context)))
    }

    @Test func theLastAttemptFailsWithTheLastOutcome() {
        #expect(decide(.get, status(503, body: #"{"error": "down"}"#), attempt: 4)
            == .fail(.server(status: 503, message: "down", context: context)))
        #expect(decide(.get, failure(.timedOut), attempt: 4) == .fail(.transport(message: "the failure (4 attempts)", context: context)))
        #expect(decide(.post, status(429), attempt: 4) == .fail(.rateLimited(context: context)))
    }

    @Test func postIsNeverRetriedWhenTheServerMayHaveActed() {
        #expect(decide(.post, status(500, body: #"{"error": "boom"}"#))
            == .fail(.outcomeUnknown(message: "the server answered 500 Internal Server Error: \"boom\" and may have stored it", context: context)))
        #expect(decide(.post, failure(.timedOut)) == .fail(.outcomeUnknown(message: "the failure", context: context)))
        #expect(decide(.post, failure(.connectionLost)) == .fail(.outcomeUnknown(message: "the failure", context: context)))
    }

    @Test func postIsRetriedWhenNothingWasProcessed() {
        #expect(decide(.post, failure(.notSent)) == .retry(.backoff))
        #expect(decide(.post, status(429, ["Retry-After": "2"])) == .retry(.exactly(.seconds(2))))
    }

    @Test func retryAfterIsHonouredAndCapped() {
        #expect(decide(.get, status(429, ["Retry-After": "1"])) == .retry(.exactly(.seconds(1))))
        #expect(decide(.get, status(429, ["Retry-After": "0.25"])) == .retry(.exactly(.milliseconds(250))))
        #expect(decide(.get, status(429, ["Retry-After": "3600"])) == .retry(.exactly(.seconds(30))))
        #expect(decide(.get, status(429, ["Retry-After": "Tue, 14 Nov 2023 22:13:25 GMT"])) == .retry(.exactly(.seconds(5))))
        #expect(decide(.get, status(429, ["Retry-After": "soon"])) == .retry(.backoff))
        #expect(decide(.get, status(429)) == .retry(.backoff))
    }

    @Test func deleteNotFoundCountsAsDoneOnlyAfterAPossiblyCommittedAttempt() {
        #expect(decide(.delete, status(404, body: #"{"error": "Webhook not found"}"#))
            == .fail(.notFound(message: "Webhook not found", context: context)))
        #expect(decide(.delete, status(404), attempt: 2, committed: true) == .alreadyDone)
        #expect(decide(.delete, status(404), attempt: 2, committed: false) == .fail(.notFound(message: "Not Found", context: context)))
        #expect(decide(.get, status(404), attempt: 2, committed: true) == .fail(.notFound(message: "Not Found", context: context)))
    }

    @Test func whatMayHaveCommitted() {
        #expect(RetryPolicy.mayHaveCommitted(status(502)))
        #expect(RetryPolicy.mayHaveCommitted(failure(.timedOut)))
        #expect(RetryPolicy.mayHaveCommitted(failure(.connectionLost)))
        #expect(!RetryPolicy.mayHaveCommitted(failure(.notSent)))
        #expect(!RetryPolicy.mayHaveCommitted(status(429)))
    }

    @Test func clientErrorsAreNotRetried() {
        for code in [400, 401, 403, 302, 418] {
            guard case .fail = decide(.get, status(code)) else {
                Issue.record("status \(code) should fail at once")
                continue
            }
        }
        #expect(decide(.post, status(201)) == .accept(HTTPExchange(status: 201)))
    }

    @Test func backoffIsExponentialWithFullJitterAndCapped() {
        #expect(policy.backoff(afterAttempt: 1, unitRandom: 1) == .milliseconds(200))
        #expect(policy.backoff(afterAttempt: 2, unitRandom: 1) == .milliseconds(400))
        #expect(policy.backoff(afterAttempt: 3, unitRandom: 0.5) == .milliseconds(400))
        #expect(policy.backoff(afterAttempt: 10, unitRandom: 1) == .seconds(5))
        #expect(policy.backoff(afterAttempt: 3, unitRandom: 0) == .zero)
        #expect(policy.backoff(afterAttempt: 100, unitRandom: 0.5) == .milliseconds(2500))
    }
}
