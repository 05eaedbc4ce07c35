/// Decides, request by request, which fault the emulator injects.
///
/// Settings (rates, latency, rate limit) start from `SimOptions` and can change at run time; scripts
/// are counters that make the next N requests fail in a chosen way, so tests need no luck.
public actor SimFaults {
    /// What to do with an API request before handling it.
    enum Verdict: Equatable {
        case proceed
        case rateLimited(retryAfter: Int)
        case fail(status: Int)
    }

    struct Arrival {
        var delay: Duration
        var verdict: Verdict
    }

    static let failureStatuses = [500, 502, 503]

    private let initial: SimFaultUpdate
    private var current = SimFaultUpdate()
    private var random: SimRandom
    /// The rate limit's bucket: requests it would let through now, as of `at`.
    private var bucket: (tokens: Double, at: Duration)?
    /// The id the last create answer named, for `reuseCreateIdNext`.
    private var lastAnsweredID: String?
    /// Time since some fixed start; injected so that tests of the rate limit need no waiting.
    private let elapsed: @Sendable () -> Duration

    init(options: SimOptions, elapsed: (@Sendable () -> Duration)? = nil) {
        self.initial = SimFaultUpdate(
            latencyMs: Int(options.latency.components.seconds * 1000 + options.latency.components.attoseconds / 1_000_000_000_000_000),
            failRate: options.failRate,
            rateLimit: options.rateLimit ?? 0,
            rateBurst: options.rateBurst ?? 0,
            dropAfterCommit: options.dropAfterCommit,
            seed: options.seed,
            failNext: 0, failStatus: 500, rateLimitNext: 0, retryAfter: 1,
            dropNextCreates: 0, stallNext: 0, stallSeconds: 0,
            reuseCreateIdNext: 0, answerOtherURLNext: 0, contractBreak: false
        )
        self.current = initial
        self.random = SimRandom(seed: options.seed)
        if let elapsed {
            self.elapsed = elapsed
        } else {
            let clock = ContinuousClock()
            let start = clock.now
            self.elapsed = { clock.now - start }
        }
    }

    /// The settings and the scripts still pending, every field set.
    public var snapshot: SimFaultUpdate { current }

    /// Applies the present fields of `update`; a seed restarts the generator.
    /// - Returns: the problem when a value is out of range (nothing is changed then).
    @discardableResult
    public func update(_ update: SimFaultUpdate) -> String? {
        if let problem = update.problem { return problem }
        current.latencyMs = update.latencyMs ?? current.latencyMs
        current.failRate = update.failRate ?? current.failRate
        current.rateLimit = update.rateLimit ?? current.rateLimit
        current.rateBurst = update.rateBurst ?? current.rateBurst
        // A new limit starts with a full bucket.
        if update.rateLimit != nil || update.rateBurst != nil { bucket = nil }
        current.dropAfterCommit = update.dropAfterCommit ?? current.dropAfterCommit
        current.failNext = update.failNext ?? current.failNext
        current.failStatus = update.failStatus ?? current.failStatus
        current.rateLimitNext = update.rateLimitNext ?? current.rateLimitNext
        current.retryAfter = update.retryAfter ?? current.retryAfter
        current.dropNextCreates = update.dropNextCreates ?? current.dropNextCreates
        current.stallNext = update.stallNext ?? current.stallNext
        current.stallSeconds = update.stallSeconds ?? current.stallSeconds
        current.reuseCreateIdNext = update.reuseCreateIdNext ?? current.reuseCreateIdNext
        current.answerOtherURLNext = update.answerOtherURLNext ?? current.answerOtherURLNext
        current.contractBreak = update.contractBreak ?? current.contractBreak
        if let seed = update.seed {
            current.seed = seed
            random = SimRandom(seed: seed)
        }
        return nil
    }

    /// Back to the options the server started with: scripts cleared, generator reseeded.
    public func reset() {
        current = initial
        random = SimRandom(seed: initial.seed)
        bucket = nil
    }

    /// Called once per API request when it arrives.
    func arrive() -> Arrival {
        var delay = Duration.milliseconds(current.latencyMs ?? 0)
        if let stalls = current.stallNext, stalls > 0 {
            current.stallNext = stalls - 1
            delay += .milliseconds(Int(((current.stallSeconds ?? 0) * 1000).rounded()))
        }
        return Arrival(delay: delay, verdict: verdict())
    }

    private func verdict() -> Verdict {
        if let pending = current.rateLimitNext, pending > 0 {
            current.rateLimitNext = pending - 1
            return .rateLimited(retryAfter: current.retryAfter ?? 1)
        }
        if let wait = takeFromBucket() {
            return .rateLimited(retryAfter: wait)
        }
        if let pending = current.failNext, pending > 0 {
            current.failNext = pending - 1
            return .fail(status: current.failStatus ?? 500)
        }
        if random.chance(current.failRate ?? 0) {
            return .fail(status: Self.failureStatuses.randomElement(using: &random) ?? 500)
        }
        return .proceed
    }

    /// Takes a token for this request; when none is left, the whole seconds until one will be
    /// (at least 1, as `Retry-After` counts). A refused request takes nothing.
    private func takeFromBucket() -> Int? {
        guard let limit = current.rateLimit, limit > 0 else { return nil }
        let rate = Double(limit)
        let size = Double(current.rateBurst.flatMap { $0 > 0 ? $0 : nil } ?? limit)
        let now = elapsed()
        var tokens = size
        if let bucket {
            let (seconds, attoseconds) = (now - bucket.at).components
            tokens = min(size, bucket.tokens + (Double(seconds) + Double(attoseconds) / 1e18) * rate)
        }
        if tokens >= 1 {
            bucket = (tokens - 1, now)
            return nil
        }
        bucket = (tokens, now)
        return max(1, Int(((1 - tokens) / rate).rounded(.up)))
    }

    /// The id a create's answer names: its own, or (`reuseCreateIdNext`) the previous answer's.
    func answeredID(for id: String) -> String {
        var answer = id
        if let pending = current.reuseCreateIdNext, pending > 0, let previous = lastAnsweredID {
            current.reuseCreateIdNext = pending - 1
            answer = previous
        }
        lastAnsweredID = answer
        return answer
    }

    /// The URL a create stores and answers: the one asked, or (`answerOtherURLNext`) another.
    func storedURL(for url: String) -> String {
        guard let pending = current.answerOtherURLNext, pending > 0 else { return url }
        current.answerOtherURLNext = pending - 1
        return url + "-other"
    }

    /// Whether answers break the contract on purpose (`contractBreak`).
    var breaksContract: Bool { current.contractBreak ?? false }

    /// Called after a create has been stored: whether to close the connection instead of answering.
    func dropCreate() -> Bool {
        if let pending = current.dropNextCreates, pending > 0 {
            current.dropNextCreates = pending - 1
            return true
        }
        return random.chance(current.dropAfterCommit ?? 0)
    }
}
