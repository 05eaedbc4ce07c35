import Foundation

/// The emulator's webhooks: one actor, so every change is serialized and, with a state file, durable
/// before it is answered.
///
/// Tests in the same process may read and change it directly; the HTTP handlers use the same methods.
public actor SimState {
    /// The limit the API enforces per site.
    public static let maxWebhooksPerSite = 10

    private var stored: [SimWebhook]
    private let file: SimStateFile?
    private let seed: UInt64?
    private var random: SimRandom
    private let now: @Sendable () -> Date

    /// Loads the state file when there is one.
    /// - Parameters:
    ///   - statePath: where to keep the state; `nil` keeps it in memory only.
    ///   - seed: makes ids and secrets repeatable.
    ///   - now: the clock for `createdAt` and `lastTriggered`.
    public init(statePath: String? = nil, seed: UInt64? = nil, now: @escaping @Sendable () -> Date = Date.init) throws(SimError) {
        let file = statePath.map(SimStateFile.init(path:))
        self.stored = try file?.load() ?? []
        self.file = file
        self.seed = seed
        // A different stream from the fault generator, so injecting faults does not change the ids.
        self.random = SimRandom(seed: seed.map { $0 ^ 0x5157_4154_4153_494D })
        self.now = now
    }

    /// Every webhook, in creation order.
    public var webhooks: [SimWebhook] { stored }

    public func webhooks(siteId: String) -> [SimWebhook] {
        stored.filter { $0.siteId == siteId }
    }

    public func webhook(id: String) -> SimWebhook? {
        stored.first { $0.id == id }
    }

    /// Why a create was refused after the request itself was found valid.
    public enum CreateRefusal: Error, Equatable {
        case siteFull
    }

    /// Stores a new active webhook with a fresh id and secret, as `POST /api/webhooks` does.
    public func create(siteId: String, url: String, events: [String], description: String?) throws -> SimWebhook {
        guard webhooks(siteId: siteId).count < Self.maxWebhooksPerSite else { throw CreateRefusal.siteFull }
        let webhook = SimWebhook(
            siteId: siteId, id: uniqueID(), url: url, events: events, secret: random.webhookSecret(),
            active: true, createdAt: SimTimestamp.string(from: now()), description: description
        )
        try commit(stored + [webhook])
        return webhook
    }

    /// Removes a webhook; returns it, or `nil` when there is none with that id.
    @discardableResult
    public func delete(id: String) throws -> SimWebhook? {
        guard let index = stored.firstIndex(where: { $0.id == id }) else { return nil }
        var next = stored
        let removed = next.remove(at: index)
        try commit(next)
        return removed
    }

    /// A seed whose id is already taken.
    public struct DuplicateID: Error, Equatable {
        public var id: String
    }

    /// Inserts webhooks directly, without the API's checks; missing ids, secrets and dates are generated.
    public func insert(_ seeds: [SimWebhookSeed]) throws -> [SimWebhook] {
        var next = stored
        var inserted: [SimWebhook] = []
        for seed in seeds {
            let id = seed.id ?? uniqueID(avoiding: next)
            guard !next.contains(where: { $0.id == id }) else { throw DuplicateID(id: id) }
            let webhook = SimWebhook(
                siteId: seed.siteId, id: id, url: seed.url, events: seed.events,
                secret: seed.secret ?? random.webhookSecret(), active: seed.active ?? true,
                createdAt: seed.createdAt ?? SimTimestamp.string(from: now()),
                lastTriggered: seed.lastTriggered, description: seed.description
            )
            next.append(webhook)
            inserted.append(webhook)
        }
        try commit(next)
        return inserted
    }

    /// Marks a webhook inactive, as the server does after repeated delivery failures.
    @discardableResult
    public func disable(id: String) throws -> SimWebhook? {
        try update(id: id) { $0.active = false }
    }

    /// Records a successful delivery.
    @discardableResult
    public func markTriggered(id: String) throws -> SimWebhook? {
        let stamp = SimTimestamp.string(from: now())
        return try update(id: id) { $0.lastTriggered = stamp }
    }

    /// Forgets every webhook and restarts a seeded id sequence from the beginning.
    public func reset() throws {
        try commit([])
        random = SimRandom(seed: seed.map { $0 ^ 0x5157_4154_4153_494D })
    }

    private func update(id: String, _ change: (inout SimWebhook) -> Void) throws -> SimWebhook? {
        guard let index = stored.firstIndex(where: { $0.id == id }) else { return nil }
        var next = stored
        change(&next[index])
        try commit(next)
        return next[index]
    }

    /// Writes first, then switches: a change the file did not take is not made at all.
    private func commit(_ next: [SimWebhook]) throws(SimError) {
        try file?.save(next)
        stored = next
    }

    private func uniqueID(avoiding existing: [SimWebhook]? = nil) -> String {
        let taken = existing ?? stored
        while true {
            let id = random.webhookID()
            if !taken.contains(where: { $0.id == id }) { return id }
        }
    }
}
