import Crypto
import Foundation

/// Passes each event on once while a replaced webhook and its replacement both deliver it.
///
/// A replace or rotate creates the new webhook before it deletes the old one, so deliveries never
/// stop; for that overlap ZTA sends every event to both, with the same bytes and different
/// `X-ZTA-Webhook-ID`s. A delivery is a **duplicate** when the same raw body already arrived,
/// within `window`, through another webhook of its chain of replaces (the one it replaced, the
/// one that replaced it, …). The same body twice through one webhook is two events: the n-th
/// arrival of a body through one webhook pairs with the n-th through the other, so two identical
/// pageviews in one millisecond are both passed on, once each.
///
/// ```swift
/// let deduplicator = WebhookDeduplicator()
/// let pair = secrets.pairedWebhookIDs(of: webhookID)   // empty: in no replaced pair
/// if case .duplicate = await deduplicator.check(body: body, webhookID: webhookID, pairedWith: pair) {
///     return .ok   // answer 200 so that ZTA does not retry it; do not process it again
/// }
/// ```
///
/// Every delivery is remembered, paired or not: a receiver may learn of a pair (the new secret
/// reaching it) after the old webhook already brought some of the overlap's events. Memory is
/// bounded by `capacity` bodies (oldest out first; about 200 bytes each); bodies that differ by a
/// byte are never merged. Several receiver instances share what they saw through a
/// `DeduplicationStore` (a Redis hash per key with an expiry does it: see the receivers guide).
public actor WebhookDeduplicator {
    public enum Verdict: Sendable, Equatable {
        /// Pass it on.
        case first
        /// The same event already arrived through `webhookID`.
        case duplicate(of: String)
    }

    public let window: Duration
    public let capacity: Int
    private let store: any DeduplicationStore

    /// - Parameters:
    ///   - window: how long a body is remembered; 10 minutes covers a replace's overlap and ZTA's
    ///     retries (30 s) with room.
    ///   - capacity: the most bodies remembered at once (the in-memory store's cap).
    ///   - store: where arrivals are counted; `nil` keeps them in this process.
    public init(window: Duration = .seconds(600), capacity: Int = 100_000, store: (any DeduplicationStore)? = nil) {
        self.window = window
        self.capacity = max(capacity, 1)
        self.store = store ?? InMemoryDeduplicationStore(capacity: max(capacity, 1))
    }

    /// Counts this arrival and says whether it is the first of its event.
    /// - Parameters:
    ///   - body: the raw body, as received (before any parsing).
    ///   - webhookID: the delivery's `X-ZTA-Webhook-ID`.
    ///   - pairedWith: the other webhooks of this one's chain of replaces
    ///     (`WebhookSecrets.pairedWebhookIDs(of:)`); empty for a webhook in no pair, whose
    ///     deliveries are all `.first`.
    ///   - now: the arrival time.
    public func check(body: some DataProtocol, webhookID: String, pairedWith: Set<String>, now: Date = Date()) async -> Verdict {
        let key = Hex.lowercase(SHA256.hash(data: body))
        let counts: [String: Int]
        do {
            counts = try await store.arrived(key: key, webhookID: webhookID, now: now, window: window)
        } catch {
            // A store that cannot answer must not lose an event: pass it on.
            return .first
        }
        let mine = counts[webhookID] ?? 1
        guard let other = pairedWith.filter({ (counts[$0] ?? 0) >= mine }).min() else { return .first }
        return .duplicate(of: other)
    }

    /// Bodies remembered now (the in-memory store's count; 0 for a shared store).
    public var remembered: Int {
        get async { await (store as? InMemoryDeduplicationStore)?.count ?? 0 }
    }
}

/// Where a deduplicator counts arrivals, so that several receiver instances can share them.
///
/// One call per delivery: add one to `webhookID`'s count under `key`, keep the key for `window`
/// from its first arrival, and return every webhook's count under it (the increment included).
/// With Redis: `HINCRBY key webhookID 1`, `EXPIRE key window NX`, `HGETALL key`, in one MULTI.
public protocol DeduplicationStore: Sendable {
    func arrived(key: String, webhookID: String, now: Date, window: Duration) async throws -> [String: Int]
}

/// The default store: in this process, at most `capacity` keys, the oldest forgotten first.
public actor InMemoryDeduplicationStore: DeduplicationStore {
    private struct Record {
        var firstAt: Date
        var counts: [String: Int]
    }

    private let capacity: Int
    private var records: [String: Record] = [:]
    /// Keys in order of first arrival, with that arrival's time (a key forgotten and seen again
    /// has a later slot; its earlier one is stale); `head` is the oldest slot still to look at.
    private var order: [(key: String, firstAt: Date)] = []
    private var head = 0

    public init(capacity: Int) {
        self.capacity = max(capacity, 1)
    }

    public var count: Int { records.count }

    public func arrived(key: String, webhookID: String, now: Date, window: Duration) -> [String: Int] {
        let seconds = Double(window.components.seconds) + Double(window.components.attoseconds) / 1e18
        let isNew = records[key] == nil
        // Forget what is older than the window, and the oldest beyond the cap.
        while head < order.count {
            let slot = order[head]
            guard let record = records[slot.key], record.firstAt == slot.firstAt else {
                head += 1
                continue
            }
            let expired = now.timeIntervalSince(record.firstAt) > seconds
            let full = isNew && records.count >= capacity
            guard expired || full else { break }
            records[slot.key] = nil
            head += 1
        }
        if head > 4096, head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
        if records[key] == nil {
            records[key] = Record(firstAt: now, counts: [:])
            order.append((key, now))
        }
        records[key]!.counts[webhookID, default: 0] += 1
        return records[key]!.counts
    }
}
