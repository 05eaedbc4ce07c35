/// A change to the injected faults: the body of `POST /_sim/faults`, and its answer with every field set.
///
/// Absent fields keep their value. Rates are probabilities (0…1); `rateLimit` (requests a second,
/// a token bucket of `rateBurst` requests, default one second's worth) 0 switches the limit off.
/// The `…Next` counters are one-shot scripts that fire on the next API requests, in order of
/// precedence: stall (adds a delay), rate limit, fail; `dropNextCreates` fires on creates only.
public struct SimFaultUpdate: Codable, Sendable, Equatable {
    public var latencyMs: Int?
    public var failRate: Double?
    public var rateLimit: Int?
    /// The most requests the rate limit lets through at once after a quiet spell; 0: `rateLimit`.
    public var rateBurst: Int?
    public var dropAfterCommit: Double?
    /// Restarts the fault generator from this seed.
    public var seed: UInt64?
    public var failNext: Int?
    /// Status of the scripted failures; default 500.
    public var failStatus: Int?
    public var rateLimitNext: Int?
    /// `Retry-After` seconds of the scripted 429s; default 1.
    public var retryAfter: Int?
    public var dropNextCreates: Int?
    public var stallNext: Int?
    public var stallSeconds: Double?
    /// Test-only, an API answering wrongly: the next N create answers carry the id of the
    /// previous create's answer (the webhook is stored under its own new id all the same).
    public var reuseCreateIdNext: Int?
    /// Test-only: the next N creates store and answer another URL than asked (`-other` appended
    /// to the path), as an API that rewrote it would.
    public var answerOtherURLNext: Int?
    /// Test-only, an API that broke its contract: while on, list and create answers carry
    /// `"active": "yes"` (a string) and no `createdAt`.
    public var contractBreak: Bool?

    public init(
        latencyMs: Int? = nil, failRate: Double? = nil, rateLimit: Int? = nil, rateBurst: Int? = nil, dropAfterCommit: Double? = nil,
        seed: UInt64? = nil, failNext: Int? = nil, failStatus: Int? = nil, rateLimitNext: Int? = nil,
        retryAfter: Int? = nil, dropNextCreates: Int? = nil, stallNext: Int? = nil, stallSeconds: Double? = nil,
        reuseCreateIdNext: Int? = nil, answerOtherURLNext: Int? = nil, contractBreak: Bool? = nil
    ) {
        self.latencyMs = latencyMs
        self.failRate = failRate
        self.rateLimit = rateLimit
        self.rateBurst = rateBurst
        self.dropAfterCommit = dropAfterCommit
        self.seed = seed
        self.failNext = failNext
        self.failStatus = failStatus
        self.rateLimitNext = rateLimitNext
        self.retryAfter = retryAfter
        self.dropNextCreates = dropNextCreates
        self.stallNext = stallNext
        self.stallSeconds = stallSeconds
        self.reuseCreateIdNext = reuseCreateIdNext
        self.answerOtherURLNext = answerOtherURLNext
        self.contractBreak = contractBreak
    }

    /// The first problem with the values, worded for an `{"error": …}` answer; `nil` when all are usable.
    public var problem: String? {
        func probability(_ value: Double?, _ name: String) -> String? {
            guard let value else { return nil }
            return (0...1).contains(value) ? nil : "\(name) must be between 0 and 1"
        }
        func nonNegative(_ value: Int?, _ name: String) -> String? {
            guard let value else { return nil }
            return value >= 0 ? nil : "\(name) must not be negative"
        }
        if let problem = probability(failRate, "failRate") ?? probability(dropAfterCommit, "dropAfterCommit") {
            return problem
        }
        if let problem = nonNegative(latencyMs, "latencyMs") ?? nonNegative(rateLimit, "rateLimit")
            ?? nonNegative(rateBurst, "rateBurst")
            ?? nonNegative(failNext, "failNext") ?? nonNegative(rateLimitNext, "rateLimitNext")
            ?? nonNegative(retryAfter, "retryAfter") ?? nonNegative(dropNextCreates, "dropNextCreates")
            ?? nonNegative(stallNext, "stallNext") ?? nonNegative(reuseCreateIdNext, "reuseCreateIdNext")
            ?? nonNegative(answerOtherURLNext, "answerOtherURLNext")
        {
            return problem
        }
        if let failStatus, !(400...599).contains(failStatus) {
            return "failStatus must be between 400 and 599"
        }
        if let stallSeconds, !(0...600).contains(stallSeconds) {
            return "stallSeconds must be between 0 and 600"
        }
        return nil
    }
}
