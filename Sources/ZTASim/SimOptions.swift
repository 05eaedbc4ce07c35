/// How an emulator instance behaves: who may do what, where state lives, and which faults to inject.
///
/// Every field has a default that gives a faithful, fault-free server in open mode.
public struct SimOptions: Sendable {
    /// Bearer tokens and the sites each one owns. `nil` is open mode: no token needed, every site owned.
    public var tokens: [String: Set<String>]?
    /// A JSON file that keeps the state across restarts, rewritten atomically after every change.
    public var statePath: String?
    /// Delay before every API answer.
    public var latency: Duration
    /// Probability (0…1) that an API request answers 500, 502 or 503 without doing anything.
    public var failRate: Double
    /// API requests per second across the server, as a token bucket: beyond it the answer is 429
    /// with `Retry-After` (whole seconds until a request would pass), at once, before `latency`.
    public var rateLimit: Int?
    /// The bucket's size: requests let through at once after a quiet spell; nil: `rateLimit`.
    public var rateBurst: Int?
    /// Probability (0…1) that a create is stored and then the connection closes without an answer.
    public var dropAfterCommit: Double
    /// Makes faults, ids and secrets repeatable.
    public var seed: UInt64?
    /// Status of a successful create: the document's 200, or 201 to test clients against that quirk.
    public var createStatus: Int
    /// Puts each webhook's `secret` into list responses, as the document's own list example does.
    public var listIncludesSecrets: Bool
    /// Divides the delivery retry delays (5 s and 25 s); 100 makes them 50 ms and 250 ms.
    public var deliveryTimeScale: Double
    /// How long a receiver has to answer a delivery; the document says 5 seconds.
    public var deliveryTimeout: Duration
    /// Failed deliveries in a row (each after its retries) after which a webhook is disabled.
    public var disableAfterFailures: Int
    /// Deliveries to these hosts (lowercased) go to a loopback address instead, in plain HTTP,
    /// keeping path, query and `Host` header; other URLs are delivered as they are.
    public var routes: [String: SimRoute]
    /// Answers requests that name any host. Off, a request whose `Host` is not localhost,
    /// 127.x.x.x or [::1] gets 421: a web page elsewhere cannot reach the emulator through a name
    /// that resolves to loopback (DNS rebinding).
    public var allowRemote: Bool

    public init(
        tokens: [String: Set<String>]? = nil,
        statePath: String? = nil,
        latency: Duration = .zero,
        failRate: Double = 0,
        rateLimit: Int? = nil,
        rateBurst: Int? = nil,
        dropAfterCommit: Double = 0,
        seed: UInt64? = nil,
        createStatus: Int = 200,
        listIncludesSecrets: Bool = false,
        deliveryTimeScale: Double = 1,
        deliveryTimeout: Duration = .seconds(5),
        disableAfterFailures: Int = 5,
        routes: [String: SimRoute] = [:],
        allowRemote: Bool = false
    ) {
        self.allowRemote = allowRemote
        self.tokens = tokens
        self.statePath = statePath
        self.latency = latency
        self.failRate = failRate
        self.rateLimit = rateLimit
        self.rateBurst = rateBurst
        self.dropAfterCommit = dropAfterCommit
        self.seed = seed
        self.createStatus = createStatus
        self.listIncludesSecrets = listIncludesSecrets
        self.deliveryTimeScale = deliveryTimeScale
        self.deliveryTimeout = deliveryTimeout
        self.disableAfterFailures = disableAfterFailures
        self.routes = routes
    }
}
