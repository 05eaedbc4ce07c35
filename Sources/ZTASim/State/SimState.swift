import Foundation

/// The emulator's webhooks: one actor, so every change is serialized and, with a state file, logged
/// before it is answered (see `SimStateFile`).
///
/// Tests in the same process may read and change it directly; the HTTP handlers use the same methods.
public actor SimState {
    /// The limit the API enforces per site.
    public static let maxWebhooksPerSite = 10

    /// Webhooks by site, each site's in creation order; indexed so that a request costs the
    /// same with ten webhooks stored or a hundred thousand (benchmarks create that many).
    private var bySite: [String: [SimWebhook]] = [:]
    private var siteOfID: [String: String] = [:]
    private var sequenceOfID: [String: Int] = [:]
    private var nextSequence = 0
    private let file: SimStateFile?
    private let seed: UInt64?
    private var random: SimRandom
    private let now: @Sendable () -> Date

    /// Loads the state file when there is one.
    /// - Parameters:
    ///   - statePath: where to keep the state; `nil` keeps it in memory only.
    ///   - seed: makes ids and secrets repeatable.
    ///   - now: the clock for `createdAt` and `lastTriggered`.
    ///   - foldBytes: the least size of the state file's log that folds it into the snapshot
    ///     (tests make it small; see `SimStateFile`).
    public init(
        statePath: String? = nil, seed: UInt64? = nil, now: @escaping @Sendable () -> Date = Date.init,
        foldBytes: Int = 4 << 20
    ) throws(SimError) {
        let file = statePath.map { SimStateFile(path: $0, foldBytes: foldBytes) }
        let loaded = try file?.load() ?? []
        self.file = file
        self.seed = seed
        // A different stream from the fault generator, so injecting faults does not change the ids.
        self.random = SimRandom(seed: seed.map { $0 ^ 0x5157_4154_4153_494D })
        self.now = now
        for (sequence, webhook) in loaded.enumerated() {
            bySite[webhook.siteId, default: []].append(webhook)
            siteOfID[webhook.id] = webhook.siteId
            sequenceOfID[webhook.id] = sequence
        }
        nextSequence = loaded.count
    }

    /// Every webhook, in creation order.
    public var webhooks: [SimWebhook] {
        bySite.values.flatMap { $0 }.sorted { sequenceOfID[$0.id, default: 0] < sequenceOfID[$1.id, default: 0] }
    }

    public func webhooks(siteId: String) -> [SimWebhook] {
        bySite[siteId] ?? []
    }

    public func webhook(id: String) -> SimWebhook? {
        siteOfID[id].flatMap { site in bySite[site]?.first { $0.id == id } }
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
        add(webhook)
        try persist([.put(webhook)]) { remove(id: webhook.id) }
        return webhook
    }

    /// Removes a webhook; returns it, or `nil` when there is none with that id.
    @discardableResult
    public func delete(id: String) throws -> SimWebhook? {
        guard let site = siteOfID[id], let index = bySite[site]?.firstIndex(where: { $0.id == id }) else { return nil }
        let sequence = sequenceOfID[id]
        let removed = remove(id: id)!
        try persist([.delete(id: id)]) {
            bySite[site, default: []].insert(removed, at: index)
            siteOfID[id] = site
            sequenceOfID[id] = sequence
        }
        return removed
    }

    /// A seed whose id is already taken.
    public struct DuplicateID: Error, Equatable {
        public var id: String
    }

    /// Inserts webhooks directly, without the API's checks; missing ids, secrets and dates are generated.
    public func insert(_ seeds: [SimWebhookSeed]) throws -> [SimWebhook] {
        var inserted: [SimWebhook] = []
        do {
            for seed in seeds {
                let id = seed.id ?? uniqueID()
                guard siteOfID[id] == nil else { throw DuplicateID(id: id) }
                let webhook = SimWebhook(
                    siteId: seed.siteId, id: id, url: seed.url, events: seed.events,
                    secret: seed.secret ?? random.webhookSecret(), active: seed.active ?? true,
                    createdAt: seed.createdAt ?? SimTimestamp.string(from: now()),
                    lastTriggered: seed.lastTriggered, description: seed.description
                )
                add(webhook)
                inserted.append(webhook)
            }
            try persist(inserted.map(SimLogEntry.put)) { for webhook in inserted { remove(id: webhook.id) } }
        } catch {
            // All or nothing, as before: a duplicate id leaves the state as it was.
            if !(error is SimError) { for webhook in inserted { remove(id: webhook.id) } }
            throw error
        }
        return inserted
    }

    /// Marks a webhook inactive, as the server does after repeated delivery failures.
    @discardableResult
    public func disable(id: String) throws -> SimWebhook? {
        try update(id: id) { $0.active = false }
    }

    /// Makes a webhook active again and forgets its failed deliveries, as the dashboard's re-enable does.
    @discardableResult
    public func enable(id: String) throws -> SimWebhook? {
        try update(id: id) {
            $0.active = true
            $0.failuresInARow = nil
        }
    }

    /// Records a successful delivery, which also ends a run of failed ones.
    @discardableResult
    public func markTriggered(id: String) throws -> SimWebhook? {
        let stamp = SimTimestamp.string(from: now())
        return try update(id: id) {
            $0.lastTriggered = stamp
            $0.failuresInARow = nil
        }
    }

    /// Records a failed delivery (after its retries) and disables the webhook when it is the
    /// `limit`th in a row, as the server does.
    /// - Returns: whether this failure disabled the webhook; `nil` when there is no such webhook.
    public func recordFailedDelivery(id: String, disableAfter limit: Int) throws -> Bool? {
        var disabled = false
        let updated = try update(id: id) { webhook in
            let failures = (webhook.failuresInARow ?? 0) + 1
            webhook.failuresInARow = failures
            if failures >= limit, webhook.active {
                webhook.active = false
                disabled = true
            }
        }
        return updated.map { _ in disabled }
    }

    /// Forgets every webhook and restarts a seeded id sequence from the beginning.
    public func reset() throws {
        try file?.replace(with: [])
        bySite = [:]
        siteOfID = [:]
        sequenceOfID = [:]
        random = SimRandom(seed: seed.map { $0 ^ 0x5157_4154_4153_494D })
    }

    private func update(id: String, _ change: (inout SimWebhook) -> Void) throws -> SimWebhook? {
        guard let site = siteOfID[id], let index = bySite[site]?.firstIndex(where: { $0.id == id }) else { return nil }
        let before = bySite[site]![index]
        change(&bySite[site]![index])
        try persist([.put(bySite[site]![index])]) { bySite[site]![index] = before }
        return bySite[site]![index]
    }

    private func add(_ webhook: SimWebhook) {
        bySite[webhook.siteId, default: []].append(webhook)
        siteOfID[webhook.id] = webhook.siteId
        sequenceOfID[webhook.id] = nextSequence
        nextSequence += 1
    }

    @discardableResult
    private func remove(id: String) -> SimWebhook? {
        guard let site = siteOfID.removeValue(forKey: id), let index = bySite[site]?.firstIndex(where: { $0.id == id }) else { return nil }
        sequenceOfID[id] = nil
        let removed = bySite[site]!.remove(at: index)
        if bySite[site]!.isEmpty { bySite[site] = nil }
        return removed
    }

    /// Folds the state file's log into its snapshot and closes it, so that the file alone holds
    /// the whole state; a later change opens the log again. Nothing to do without a state file
    /// or when this emulator changed nothing.
    public func close() throws(SimError) {
        try file?.close()
    }

    /// Logs the change; when the file does not take it, `undo` takes the change back,
    /// so that a change the file did not take is not made at all.
    private func persist(_ entries: [SimLogEntry], undo: () -> Void) throws(SimError) {
        guard let file, !entries.isEmpty else { return }
        do {
            try file.append(entries)
        } catch {
            undo()
            throw error
        }
    }

    private func uniqueID() -> String {
        while true {
            let id = random.webhookID()
            if siteOfID[id] == nil { return id }
        }
    }
}
