import Foundation

/// Lists sites as soon as their files are parsed, while the other files are still being read,
/// so that the first answers are on their way before the last file is loaded.
///
/// The same rules as `WebhookAPI.listAll`: at most the limiter's slots of requests at a time, each site
/// listed once, and after a fatal error (a refused token) no new request is sent: the sites not
/// yet listed carry that error. A site the run then does not need (its file turned out invalid)
/// costs one GET, nothing else.
///
/// State is guarded by a lock, which makes the unchecked `Sendable` sound.
public final class LivePrefetch: @unchecked Sendable {
    public typealias Listing = Result<[LiveWebhook], APIError>

    private let api: any WebhookAPI
    private let slots: ConcurrencyLimiter
    /// Sites to list; `nil` lists every site announced.
    private let wanted: Set<String>?
    private let lock = NSLock()
    private var listings: [String: Task<Listing, Never>] = [:]
    private var fatal: APIError?
    /// Set by `finish()`: listings not yet sent are not sent.
    private var abandoned = false

    /// - Parameter only: list only these sites (`--site`); others announced are ignored.
    public init(api: any WebhookAPI, limiter: ConcurrencyLimiter, only: Set<String>? = nil) {
        self.api = api
        self.slots = limiter
        self.wanted = only
    }

    /// A prefetch with a fixed number of requests at a time.
    public convenience init(api: any WebhookAPI, concurrency: Int, only: Set<String>? = nil) {
        self.init(api: api, limiter: ConcurrencyLimiter(fixed: concurrency), only: only)
    }

    /// Starts listing `site` unless it is already listed or not wanted. Returns at once.
    public func announce(_ site: String) {
        if let wanted, !wanted.contains(site) { return }
        start(site)
    }

    /// The listing of every site, waiting for those still in flight and starting any never announced.
    public func results(for sites: [String]) async -> [String: Listing] {
        for site in sites { start(site) }
        let tasks = lock.withLock { listings }
        return await withTaskCancellationHandler {
            var results: [String: Listing] = [:]
            for site in sites where results[site] == nil {
                guard let task = tasks[site] else { continue }
                results[site] = await task.value
            }
            return results
        } onCancel: {
            cancel()
        }
    }

    /// Cancels every listing in flight or waiting for a slot (the run ends without them).
    public func cancel() {
        for task in lock.withLock({ Array(listings.values) }) { task.cancel() }
    }

    /// Sends nothing more and returns once the requests already sent are answered: what a run
    /// that no longer needs the listings (its files have errors) does before closing the API,
    /// so that no request is cut off mid-way (an emulator in process is stopped right after).
    public func finish() async {
        let tasks = lock.withLock { () -> [Task<Listing, Never>] in
            abandoned = true
            return Array(listings.values)
        }
        for task in tasks { _ = await task.value }
    }

    private func start(_ site: String) {
        lock.withLock {
            guard listings[site] == nil else { return }
            listings[site] = Task { await self.list(site) }
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
