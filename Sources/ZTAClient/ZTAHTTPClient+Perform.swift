import Foundation
import Logging
import ZTAHooksCore

extension ZTAHTTPClient {
    /// `<baseURL>/api/webhooks[?name=value]` with the client's fixed headers.
    func makeRequest(_ method: HTTPMethod, query: (name: String, value: String)?) -> HTTPRequest {
        var url = endpointText
        if let query { url += "?\(query.name)=\(Self.percentEncoded(query.value))" }
        return HTTPRequest(method: method.rawValue, url: url, headers: fixedHeaders)
    }

    /// `Accept`, `User-Agent` and, when there is a token, `Authorization`: the same on every request.
    static func fixedHeaders(_ configuration: ClientConfiguration) -> [HTTPRequest.Header] {
        var headers = [HTTPRequest.Header("Accept", "application/json"), HTTPRequest.Header("User-Agent", configuration.userAgent)]
        if let token = configuration.token { headers.append(HTTPRequest.Header("Authorization", "Bearer \(token)")) }
        return headers
    }

    /// The path and query of a request's URL, for log lines: never the host's credentials.
    static func pathAndQuery(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        return rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
    }

    /// RFC 3986 unreserved characters pass; every other byte of the UTF-8, `&`, `=` and `+`
    /// included, is escaped as `%XX`. By hand: Foundation's `addingPercentEncoding` went through
    /// CFString and was 2% of a plan's CPU.
    static func percentEncoded(_ value: String) -> String {
        if value.utf8.allSatisfy(isUnreserved) { return value }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count * 3)
        for byte in value.utf8 {
            if isUnreserved(byte) {
                bytes.append(byte)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hexDigits[Int(byte >> 4)])
                bytes.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Runs the attempts for one request under the retry policy.
    ///
    /// - Returns: the successful exchange, or nil when a DELETE turned out to be done already.
    func perform(_ request: HTTPRequest, method: HTTPMethod, site: String, context: String) async throws(APIError) -> HTTPExchange? {
        var span = RequestSpan.start(method, site: site, url: request.url)
        defer { span?.end() }
        var attempt = 0
        var mayHaveCommitted = false
        let clock = ContinuousClock()
        // Made only when a debug line is written: the logger takes its message as an autoclosure.
        var path: String { Self.pathAndQuery(request.url) }
        while true {
            attempt += 1
            if Task.isCancelled {
                throw redacted(.transport(message: "cancelled", context: context))
            }
            let ticket = try await waitForTurn(context: context)
            let started = clock.now
            let outcome = await transport.send(request)
            let elapsed = clock.now - started
            if let limiter, let ticket { limiter.record(pace(of: outcome, elapsed: elapsed), for: ticket) }
            log(method: method, request: request, outcome: outcome, attempt: attempt, elapsed: elapsed)
            span?.attempted(attempt, outcome)

            let decision = policy.decide(method: method, outcome: outcome, attempt: attempt,
                                         earlierAttemptMayHaveCommitted: mayHaveCommitted, context: context,
                                         now: timing.now())
            mayHaveCommitted = mayHaveCommitted || RetryPolicy.mayHaveCommitted(outcome)
            switch decision {
            case .accept(let exchange):
                return exchange
            case .alreadyDone:
                logger.debug("\(method.rawValue) \(path): 404 after an attempt that may have succeeded; counted as done")
                return nil
            case .fail(let error):
                span?.failed(error)
                throw redacted(error)
            case .retry(let wait):
                let delay: Duration
                switch wait {
                case .backoff: delay = policy.backoff(afterAttempt: attempt, unitRandom: timing.unitRandom())
                case .exactly(let asked): delay = asked + (limiter.map(spread) ?? .zero)
                }
                span?.retrying(attempt, after: outcome, delay: delay)
                logger.debug("\(method.rawValue) \(path): retrying in \(delay) (attempt \(attempt + 1) of \(policy.maxAttempts))")
                try await pause(delay, context: context)
            }
        }
    }

    /// Waits while a `Retry-After` answered to any request of the run holds every request back,
    /// then for a place on the wire; a `Retry-After` that came meanwhile is waited for again.
    private func waitForTurn(context: String) async throws(APIError) -> ConcurrencyLimiter.Ticket? {
        guard let limiter else { return nil }
        while true {
            while let wait = limiter.holdBack() {
                try await pause(wait + spread(limiter), context: context)
            }
            let ticket = await limiter.sendingWhenFree()
            guard limiter.holdBack() != nil else { return ticket }
            limiter.unused(ticket)
        }
    }

    /// A random part of one round trip, added to every wait for a `Retry-After`, so that the
    /// requests held back do not all arrive at the same instant when the wait ends.
    private func spread(_ limiter: ConcurrencyLimiter) -> Duration {
        limiter.restartSpread * timing.unitRandom()
    }

    private func pause(_ duration: Duration, context: String) async throws(APIError) {
        do {
            try await timing.sleep(duration)
        } catch {
            throw redacted(.transport(message: "cancelled", context: context))
        }
    }

    /// What an attempt says of the server's pace: 429 and 503 are its limit, with the wait it
    /// asked for (capped as the retry caps it); no answer says nothing.
    private func pace(of outcome: Result<HTTPExchange, TransportFailure>, elapsed: Duration) -> ConcurrencyLimiter.Answer {
        switch outcome {
        case .success(let exchange) where exchange.status == 429 || exchange.status == 503:
            let asked = RetryAfter.parse(exchange.header("Retry-After"), now: timing.now())
            return .congested(retryAfter: asked.map { min($0, policy.maxRetryAfter) })
        case .success:
            return .answered(elapsed)
        case .failure:
            return .failed
        }
    }

    /// One debug line per attempt: method, path, status or failure, duration. Never headers,
    /// bodies, the token or a secret.
    private func log(method: HTTPMethod, request: HTTPRequest, outcome: Result<HTTPExchange, TransportFailure>,
                     attempt: Int, elapsed: Duration) {
        guard logger.logLevel <= .debug else { return }
        let result: String
        switch outcome {
        case .success(let exchange): result = "\(exchange.status)"
        case .failure(let failure): result = "failed: \(failure.detail)"
        }
        logger.debug("\(method.rawValue) \(Self.pathAndQuery(request.url)) -> \(result) in \(elapsed.wholeMilliseconds) ms (attempt \(attempt))")
    }
}
