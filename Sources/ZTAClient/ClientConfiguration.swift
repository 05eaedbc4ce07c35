import Foundation

/// Where the HTTP client sends requests and how patient it is.
///
/// Every knob has a production default; tests shrink timeouts and backoffs to keep suites fast.
public struct ClientConfiguration: Sendable {
    /// `https://ztas.io`.
    public static let defaultBaseURL = URL(string: "https://ztas.io")!
    /// 1 MiB: the largest answer the client reads. A site has at most 10 webhooks, so a
    /// legitimate answer is a few kilobytes; anything bigger is a broken or hostile server.
    public static let defaultMaxBodyBytes = 1 << 20

    /// The API's origin, optionally with a path prefix; requests go to `<baseURL>/api/webhooks`.
    public var baseURL: URL
    /// The bearer token. `nil` is allowed only for the sandbox, whose emulator is open.
    public var token: String?
    /// Deadline for one attempt, connect and answer included.
    public var timeout: Duration
    /// Attempts per request, the first included. GET and DELETE use them all; POST only for
    /// answers that prove the server did nothing (429, connection refused).
    public var maxAttempts: Int
    /// First backoff step; doubles per attempt, with full jitter.
    public var backoffBase: Duration
    /// The largest backoff step.
    public var backoffCap: Duration
    /// The longest `Retry-After` the client waits; longer requests are shortened to this.
    public var maxRetryAfter: Duration
    /// Connections per host, and the default number of sites fetched in parallel.
    public var concurrency: Int
    /// Answers larger than this are refused (see `defaultMaxBodyBytes`).
    public var maxBodyBytes: Int
    /// Sent as `User-Agent`.
    public var userAgent: String

    public init(
        baseURL: URL = ClientConfiguration.defaultBaseURL,
        token: String? = nil,
        timeout: Duration = .seconds(10),
        maxAttempts: Int = 4,
        backoffBase: Duration = .milliseconds(200),
        backoffCap: Duration = .seconds(5),
        maxRetryAfter: Duration = .seconds(30),
        concurrency: Int = 8,
        maxBodyBytes: Int = ClientConfiguration.defaultMaxBodyBytes,
        userAgent: String = "ztahooks/0.1.0"
    ) {
        self.baseURL = baseURL
        self.token = token
        self.timeout = timeout
        self.maxAttempts = max(1, maxAttempts)
        self.backoffBase = backoffBase
        self.backoffCap = backoffCap
        self.maxRetryAfter = maxRetryAfter
        self.concurrency = max(1, concurrency)
        self.maxBodyBytes = max(1, maxBodyBytes)
        self.userAgent = userAgent
    }
}

// The token must not reach a log or an error through `print(configuration)` or `dump`.
extension ClientConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "ClientConfiguration(baseURL: \(baseURL.absoluteString), token: \(token == nil ? "none" : "<redacted>"), "
            + "timeout: \(timeout), maxAttempts: \(maxAttempts), concurrency: \(concurrency))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: [
            "baseURL": baseURL.absoluteString,
            "token": token == nil ? "none" : "<redacted>",
            "timeout": timeout,
            "maxAttempts": maxAttempts,
            "backoffBase": backoffBase,
            "backoffCap": backoffCap,
            "maxRetryAfter": maxRetryAfter,
            "concurrency": concurrency,
            "maxBodyBytes": maxBodyBytes,
        ])
    }
}
