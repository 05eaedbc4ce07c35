import Foundation

/// How many sites are worked on at once, and when the next request may go: one per run, shared
/// by the pipeline (which takes a slot per site) and the API client (which reports each answer).
///
/// A fixed setting keeps its number of slots. `auto` starts at `Tuning.start` and adapts:
/// - while answers stay fast (within twice the fastest seen, plus a little), each one adds a slot
///   (doubling every round trip), up to `Tuning.ceiling`;
/// - a 429 or 503 halves the slots (rounding up), once per round: answers to requests sent before
///   the last halving do not halve again;
/// - after a halving, growth waits `Tuning.calm` (counted from the end of any `Retry-After`), then
///   adds one slot per round trip, but stays below the number that was halved for
///   `Tuning.probation`: a limit found is not probed again at once.
///
/// In both modes a `Retry-After` holds back every request of the run, not only the one retried:
/// the server asked the client, not one request, to wait.
///
/// State is guarded by a lock, which makes the unchecked `Sendable` sound.
public final class ConcurrencyLimiter: @unchecked Sendable {
    public struct Tuning: Sendable {
        public var start: Int
        public var ceiling: Int
        /// How long after a halving (or the end of the wait it asked for) the slots stay as they are.
        public var calm: Duration
        /// How long after a halving the slots stay below the number halved.
        public var probation: Duration
        /// An answer is fast while it takes at most twice the fastest seen plus this.
        public var slack: Duration

        public static let standard = Tuning(start: 16, ceiling: 64, calm: .seconds(1), probation: .seconds(10), slack: .milliseconds(10))
    }

    /// What the client saw of one attempt.
    public enum Answer: Sendable, Equatable {
        /// Answered (any status but 429 and 503): how long it took.
        case answered(Duration)
        /// 429 or 503: the server is at its limit; `retryAfter` if it said how long to wait.
        case congested(retryAfter: Duration?)
        /// No answer (timeout, connection lost): says nothing of the server's pace.
        case failed
    }

    /// Handed out when a request goes, handed back with its answer: the round it went in.
    public struct Ticket: Sendable {
        let round: Int
    }

    /// What happened during the run, for the closing line and the trace.
    public struct Summary: Sendable, Equatable {
        public var setting: ConcurrencySetting
        /// Slots at the end of the run.
        public var final: Int
        /// The most slots at any time.
        public var peak: Int
        public var congested: Int
        public var halvings: Int
        /// Time every request was held back for `Retry-After`.
        public var heldBack: Duration

        public init(setting: ConcurrencySetting, final: Int, peak: Int, congested: Int = 0, halvings: Int = 0, heldBack: Duration = .zero) {
            self.setting = setting
            self.final = final
            self.peak = peak
            self.congested = congested
            self.halvings = halvings
            self.heldBack = heldBack
        }
    }

    public let setting: ConcurrencySetting
    private let tuning: Tuning
    private let now: @Sendable () -> ContinuousClock.Instant
    private let lock = NSLock()
    private var limit: Double
    private var inUse = 0
    private var waiters = WaitQueue<CheckedContinuation<Void, Never>>()
    /// Requests on the wire, and those waiting to go: after a halving, sites that already hold a
    /// slot must not keep more requests in flight than the new limit.
    private var sending = 0
    private var senders = WaitQueue<CheckedContinuation<Ticket, Never>>()
    private var growingFast = true
    private var fastest: Duration?
    private var round = 0
    private var lastHalving: ContinuousClock.Instant?
    /// The number of slots last halved: too many for the API, for a while.
    private var halvedFrom: Double?
    private var holdUntil: ContinuousClock.Instant?
    private var summary: Summary

    public init(_ setting: ConcurrencySetting, tuning: Tuning = .standard,
                now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        self.setting = setting
        self.tuning = tuning
        self.now = now
        let start = switch setting {
        case .fixed(let number): max(1, number)
        case .auto: min(tuning.start, tuning.ceiling)
        }
        limit = Double(start)
        summary = Summary(setting: setting, final: start, peak: start)
    }

    /// A fixed number of slots.
    public convenience init(fixed count: Int) {
        self.init(.fixed(max(1, count)))
    }

    /// The slots in effect now.
    public var currentLimit: Int { lock.withLock { Int(limit) } }

    /// Requests waiting for a place on the wire.
    var requestsWaiting: Int { lock.withLock { senders.count } }

    /// True when `acquire()` would not wait.
    public var hasFreeSlot: Bool { lock.withLock { waiters.isEmpty && inUse < Int(limit) } }

    public var report: Summary {
        lock.withLock {
            var summary = summary
            summary.final = Int(limit)
            return summary
        }
    }

    // MARK: Slots (one per site being worked on)

    /// Waits for a free slot; waiters are served first come, first served.
    public func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let granted = lock.withLock { () -> Bool in
                if waiters.isEmpty, inUse < Int(limit) {
                    inUse += 1
                    return true
                }
                waiters.append(continuation)
                return false
            }
            if granted { continuation.resume() }
        }
    }

    /// Frees a slot, handing it to the longest waiter if the limit allows.
    public func release() {
        let next = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
            inUse -= 1
            return grantWaiters()
        }
        for continuation in next { continuation.resume() }
    }

    /// Under the lock: the waiters that now fit under the limit, their slots taken.
    private func grantWaiters() -> [CheckedContinuation<Void, Never>] {
        var granted: [CheckedContinuation<Void, Never>] = []
        while inUse < Int(limit), let next = waiters.popFirst() {
            granted.append(next)
            inUse += 1
        }
        return granted
    }

    // MARK: Requests (reported by the client)

    /// How long a request must still wait because of a `Retry-After`; nil when it may go now.
    public func holdBack() -> Duration? {
        lock.withLock {
            guard let holdUntil else { return nil }
            let left = holdUntil - now()
            return left > .zero ? left : nil
        }
    }

    /// How long the requests held back by a `Retry-After` spread over when it ends, so that they
    /// do not arrive as one burst: the fastest answer seen (20 ms before any).
    public var restartSpread: Duration { lock.withLock { fastest ?? .milliseconds(20) } }

    /// Waits until one more request may be on the wire, and notes that it goes. Every ticket
    /// must come back through `record(_:for:)`.
    public func sendingWhenFree() async -> Ticket {
        await withCheckedContinuation { (continuation: CheckedContinuation<Ticket, Never>) in
            let ticket = lock.withLock { () -> Ticket? in
                if senders.isEmpty, sending < Int(limit) {
                    sending += 1
                    return Ticket(round: round)
                }
                senders.append(continuation)
                return nil
            }
            if let ticket { continuation.resume(returning: ticket) }
        }
    }

    /// Gives a ticket back unused: its request did not go (a `Retry-After` came while it waited).
    public func unused(_ ticket: Ticket) {
        let requests = lock.withLock { () -> [(CheckedContinuation<Ticket, Never>, Ticket)] in
            sending -= 1
            return grantSenders()
        }
        for (continuation, ticket) in requests { continuation.resume(returning: ticket) }
    }

    /// Under the lock: the requests waiting to go that now fit under the limit, with their tickets.
    private func grantSenders() -> [(CheckedContinuation<Ticket, Never>, Ticket)] {
        var granted: [(CheckedContinuation<Ticket, Never>, Ticket)] = []
        while sending < Int(limit), let next = senders.popFirst() {
            granted.append((next, Ticket(round: round)))
            sending += 1
        }
        return granted
    }

    /// Learns from one attempt's answer, and frees its place on the wire.
    public func record(_ answer: Answer, for ticket: Ticket) {
        let (slots, requests) = lock.withLock { () -> ([CheckedContinuation<Void, Never>], [(CheckedContinuation<Ticket, Never>, Ticket)]) in
            sending -= 1
            learn(answer, for: ticket)
            return (grantWaiters(), grantSenders())
        }
        for continuation in slots { continuation.resume() }
        for (continuation, ticket) in requests { continuation.resume(returning: ticket) }
    }

    /// Under the lock: the limit and the hold after one answer.
    private func learn(_ answer: Answer, for ticket: Ticket) {
        let at = now()
        switch answer {
        case .failed:
            return
        case .congested(let retryAfter):
            summary.congested += 1
            if let retryAfter, retryAfter > .zero { hold(until: at + retryAfter, from: at) }
            guard case .auto = setting, ticket.round == round else { return }
            halvedFrom = limit.rounded(.down)
            limit = max(1, (limit / 2).rounded(.up))
            round += 1
            summary.halvings += 1
            growingFast = false
            lastHalving = at
        case .answered(let took):
            guard case .auto = setting else { return }
            fastest = min(fastest ?? took, took)
            guard took <= (fastest ?? took) * 2 + tuning.slack else {
                growingFast = false
                return
            }
            // Grow only when the slots are what holds the run back, and not right after a halving.
            guard inUse >= Int(limit), Int(limit) < tuning.ceiling else { return }
            var top = Double(tuning.ceiling)
            if let lastHalving {
                let calmFrom = max(lastHalving, holdUntil ?? lastHalving)
                if at - calmFrom < tuning.calm { return }
                if let halvedFrom, at - lastHalving < tuning.probation { top = min(top, halvedFrom - 1) }
            }
            guard limit < top else { return }
            limit = min(top, limit + (growingFast ? 1 : 1 / limit))
            summary.peak = max(summary.peak, Int(limit))
        }
    }

    /// Under the lock: no request before `until`; the time held back counts once however many
    /// answers asked for it.
    private func hold(until: ContinuousClock.Instant, from at: ContinuousClock.Instant) {
        if let holdUntil, holdUntil > at {
            guard until > holdUntil else { return }
            summary.heldBack += until - holdUntil
        } else {
            summary.heldBack += until - at
        }
        holdUntil = until
    }
}

/// First in, first out, without moving the elements on every removal; its storage is let go
/// once it is drained.
struct WaitQueue<Element> {
    private var elements: [Element] = []
    private var head = 0

    var isEmpty: Bool { head == elements.count }
    var count: Int { elements.count - head }

    mutating func append(_ element: Element) { elements.append(element) }

    mutating func popFirst() -> Element? {
        guard head < elements.count else { return nil }
        let element = elements[head]
        head += 1
        if head == elements.count {
            elements = []
            head = 0
        } else if head > 1024, head * 2 > elements.count {
            elements.removeFirst(head)
            head = 0
        }
        return element
    }
}

extension ConcurrencyLimiter.Summary {
    /// One line for standard error when the API pushed back during the run; nil when it never did.
    public var note: String? {
        guard congested > 0 else { return nil }
        var parts = ["\(congested) \(congested == 1 ? "answer was" : "answers were") 429 or 503"]
        if heldBack > .zero {
            parts.append("every request waited \(heldBack.tenthsText) s in all for Retry-After")
        }
        switch setting {
        case .auto:
            parts.append("--concurrency auto peaked at \(peak) and ended at \(final)")
        case .fixed(let number):
            parts.append("--concurrency \(number) is fixed; auto would adapt to the limit")
        }
        return "note: the API limited the rate: " + parts.joined(separator: "; ")
    }
}
