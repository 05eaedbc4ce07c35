import Foundation

/// Lists sites as soon as their files are parsed, while the other files are still being read,
/// so that the first answers are on their way before the last file is loaded.
///
/// The same rules as `WebhookAPI.listAll`: at most the limiter's slots of requests at a time, each site
/// listed once, and after a fatal error (a refused token) no new request is sent: the sites not
/// yet listed carry that error. A site the run then does not need (its file turned out invalid)
/// costs one GET, nothing else.
///
/// Sites wait in a queue of IDs, listed by at most as many tasks as the limiter ever allows
/// (`ConcurrencySetting.ceiling`): a task per site would
/// keep every waiting site's task and its stack (about 6 KB) alive, 60 MB for 10,000 sites.
///
/// State is guarded by a lock, which makes the unchecked `Sendable` sound.
public final class LivePrefetch: @unchecked Sendable {
    public typealias Listing = Result<[LiveWebhook], APIError>

    private let api: any WebhookAPI
    private let slots: ConcurrencyLimiter
    /// Listing tasks at once; each takes the next queued site when its request is answered.
    private let workerLimit: Int
    /// Sites to list; `nil` lists every site announced.
    private let wanted: Set<String>?
    private let lock = NSLock()
    private var queue = WaitQueue<String>()
    /// Every site queued so far, each listed once: its listing once answered, `pending` until
    /// then. One table rather than a set of the queued and a table of the answered: 4 MB less at
    /// 100,000 sites.
    private var listed: [String: Listing] = [:]
    /// What a queued site's listing is until its answer: every queued site is answered (or given
    /// up, with why) before `results` hands the table over, so this is never handed out.
    private static let pending: Listing = .failure(.transport(message: "not listed", context: "listing webhooks"))
    private var workers: [Int: Task<Void, Never>] = [:]
    private var nextWorker = 0
    /// Waiting for the queue to be empty and every worker done.
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    private var fatal: APIError?
    /// Set by `finish()` or `cancel()`: listings not yet sent are not sent.
    private var abandoned = false

    /// - Parameter only: list only these sites (`--site`); others announced are ignored.
    public init(api: any WebhookAPI, limiter: ConcurrencyLimiter, only: Set<String>? = nil) {
        self.api = api
        self.slots = limiter
        self.workerLimit = limiter.setting.ceiling
        self.wanted = only
    }

    /// A prefetch with a fixed number of requests at a time.
    public convenience init(api: any WebhookAPI, concurrency: Int, only: Set<String>? = nil) {
        self.init(api: api, limiter: ConcurrencyLimiter(fixed: concurrency), only: only)
    }

    /// Makes room for `count` sites at once: a table grown to 100,000 sites held its old half
    /// beside the new one while it grew, and left it as a hole.
    public func expect(_ count: Int) {
        lock.withLock { listed.reserveCapacity(wanted.map { min($0.count, count) } ?? count) }
    }

    /// Starts listing `site` unless it is already listed or not wanted. Returns at once.
    public func announce(_ site: String) {
        if let wanted, !wanted.contains(site) { return }
        lock.withLock { enqueue(site) }
    }

    /// The listing of every site, waiting for those still in flight and starting any never
    /// announced. Hands the listings over: a site's listing is returned once.
    public func results(for sites: [String]) async -> [String: Listing] {
        lock.withLock { for site in sites { enqueue(site) } }
        await withTaskCancellationHandler {
            await idle()
        } onCancel: {
            cancel()
        }
        return lock.withLock {
            // The table is handed over, not copied: a second table of every site while the first
            // still held them all was 17 MB at 100,000 sites. Sites listed but not asked for (their
            // file turned out invalid) are taken out of it.
            var results = listed
            listed = [:]
            let asked = Set(sites)
            if results.count > asked.count || results.keys.contains(where: { !asked.contains($0) }) {
                results = results.filter { asked.contains($0.key) }
            }
            return results
        }
    }

    /// Cancels every listing in flight or waiting for a slot (the run ends without them).
    public func cancel() {
        let running = lock.withLock { () -> [Task<Void, Never>] in
            abandoned = true
            return Array(workers.values)
        }
        for task in running { task.cancel() }
    }

    /// Sends nothing more and returns once the requests already sent are answered: what a run
    /// that no longer needs the listings (its files have errors) does before closing the API,
    /// so that no request is cut off mid-way (an emulator in process is stopped right after).
    public func finish() async {
        lock.withLock { abandoned = true }
        await idle()
    }

    /// Queues `site` once and starts a worker if fewer than the limit run. Called with the lock held.
    private func enqueue(_ site: String) {
        guard listed.index(forKey: site) == nil else { return }
        listed[site] = Self.pending
        queue.append(site)
        guard workers.count < workerLimit else { return }
        let id = nextWorker
        nextWorker += 1
        workers[id] = Task { await self.work(id) }
    }

    private func work(_ id: Int) async {
        while let site = next(for: id) {
            let listing = await list(site)
            lock.withLock { listed[site] = listing }
        }
    }

    /// The next queued site, or `nil` after removing the worker `id` when none is left.
    private func next(for id: Int) -> String? {
        let (site, waiters) = lock.withLock { () -> (String?, [CheckedContinuation<Void, Never>]) in
            if let site = queue.popFirst() { return (site, []) }
            workers[id] = nil
            guard workers.isEmpty else { return (nil, []) }
            defer { idleWaiters = [] }
            return (nil, idleWaiters)
        }
        for waiter in waiters { waiter.resume() }
        return site
    }

    /// Returns once every queued site is listed (or given up) and no worker runs.
    private func idle() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = lock.withLock { () -> Bool in
                if workers.isEmpty { return true }
                idleWaiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    private func list(_ site: String) async -> Listing {
        await slots.acquire()
        defer { slots.release() }
        let known: APIError? = lock.withLock { fatal }
        if let known { return .failure(known) }
        if lock.withLock({ abandoned }) || Task.isCancelled { return .failure(.transport(message: "cancelled", context: "listing webhooks of site \(site)")) }
        let result = await api.listResult(site: site)
        if case .failure(let error) = result, error.isFatal {
            lock.withLock { if fatal == nil { fatal = error } }
        }
        return result
    }
}
