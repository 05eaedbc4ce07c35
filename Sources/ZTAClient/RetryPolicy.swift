import Foundation
import ZTAHooksCore

/// The HTTP methods the ZTA webhook API uses.
public enum HTTPMethod: String, Sendable {
    case get = "GET"
    case post = "POST"
    case delete = "DELETE"
}

/// Decides, after each attempt, whether to accept the answer, wait and retry, or fail.
///
/// Pure: the attempt's outcome in, a decision out, so that every row of the retry table is
/// tested without a network.
///
/// | outcome                          | GET, DELETE          | POST                      |
/// |----------------------------------|----------------------|---------------------------|
/// | 2xx                              | accept               | accept (200 or 201)       |
/// | 3xx                              | fail (not followed)  | fail (not followed)       |
/// | 400, 401, 403                    | fail, typed          | fail, typed               |
/// | 404                              | fail `.notFound`; DELETE after an attempt that may have committed: done | fail |
/// | 429                              | retry after `Retry-After` (capped) or backoff | same: the server did not act |
/// | 5xx                              | retry with backoff   | `.outcomeUnknown`         |
/// | timeout, dropped connection      | retry with backoff   | `.outcomeUnknown`         |
/// | connection refused, DNS failure  | retry with backoff   | retry: nothing was sent   |
/// | TLS failure, cancellation        | fail                 | fail                      |
struct RetryPolicy: Sendable {
    var maxAttempts: Int
    var backoffBase: Duration
    var backoffCap: Duration
    var maxRetryAfter: Duration

    enum Decision: Equatable {
        case accept(HTTPExchange)
        /// A DELETE answered 404 after an earlier attempt that may have deleted it.
        case alreadyDone
        case retry(Wait)
        case fail(APIError)
    }

    enum Wait: Equatable {
        /// Exponential backoff with full jitter.
        case backoff
        /// What the server asked for, already capped.
        case exactly(Duration)
    }

    init(maxAttempts: Int, backoffBase: Duration, backoffCap: Duration, maxRetryAfter: Duration) {
        self.maxAttempts = maxAttempts
        self.backoffBase = backoffBase
        self.backoffCap = backoffCap
        self.maxRetryAfter = maxRetryAfter
    }

    init(_ configuration: ClientConfiguration) {
        self.init(maxAttempts: configuration.maxAttempts, backoffBase: configuration.backoffBase,
                  backoffCap: configuration.backoffCap, maxRetryAfter: configuration.maxRetryAfter)
    }

    /// - Parameters:
    ///   - attempt: 1 for the first attempt.
    ///   - earlierAttemptMayHaveCommitted: an earlier attempt of this request timed out, lost its
    ///     connection or got a 5xx, so the server may have acted on it.
    func decide(method: HTTPMethod, outcome: Result<HTTPExchange, TransportFailure>, attempt: Int,
                earlierAttemptMayHaveCommitted: Bool, context: String, now: Date) -> Decision {
        let canRetry = attempt < maxAttempts
        let tries = attempt > 1 ? " (\(attempt) attempts)" : ""
        switch outcome {
        case .success(let exchange):
            switch exchange.status {
            case 200..<300:
                return .accept(exchange)
            case 429:
                guard canRetry else { return .fail(.rateLimited(context: context)) }
                if let asked = RetryAfter.parse(exchange.header("Retry-After"), now: now) {
                    return .retry(.exactly(min(asked, maxRetryAfter)))
                }
                return .retry(.backoff)
            case 404 where method == .delete && earlierAttemptMayHaveCommitted:
                return .alreadyDone
            case 500..<600:
                if method == .post {
                    let said = ResponseDecoding.serverMessage(exchange.body).map { ": \"\($0)\"" } ?? ""
                    return .fail(.outcomeUnknown(
                        message: "the server answered \(exchange.status) \(ErrorMapping.reasonPhrase(exchange.status))\(said) and may have stored it",
                        context: context))
                }
                return canRetry ? .retry(.backoff) : .fail(ErrorMapping.error(for: exchange, context: context))
            default:
                return .fail(ErrorMapping.error(for: exchange, context: context))
            }
        case .failure(let failure):
            switch failure.kind {
            case .notSent:
                return canRetry ? .retry(.backoff) : .fail(.transport(message: failure.detail + tries, context: context))
            case .timedOut, .connectionLost:
                if method == .post { return .fail(.outcomeUnknown(message: failure.detail, context: context)) }
                return canRetry ? .retry(.backoff) : .fail(.transport(message: failure.detail + tries, context: context))
            case .permanent, .cancelled:
                return .fail(.transport(message: failure.detail, context: context))
            }
        }
    }

    /// True when the server may have acted on the attempt although no success came back.
    static func mayHaveCommitted(_ outcome: Result<HTTPExchange, TransportFailure>) -> Bool {
        switch outcome {
        case .success(let exchange): return (500..<600).contains(exchange.status)
        case .failure(let failure): return failure.kind == .timedOut || failure.kind == .connectionLost
        }
    }

    /// Full jitter: a uniform draw in [0, min(cap, base * 2^(attempt-1))]. Spreads the retries
    /// of many parallel requests instead of having them hit a struggling server together.
    func backoff(afterAttempt attempt: Int, unitRandom: Double) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let ceiling = min(backoffCap, backoffBase * (1 << exponent))
        let fraction = min(max(unitRandom, 0), 1)
        return ceiling * fraction
    }
}
