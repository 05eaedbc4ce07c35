extension WebhookAPI {
    /// Lists many sites in parallel, at most `concurrency` requests at a time.
    ///
    /// Every site gets a result: a failure on one site (403, 5xx, ...) does not stop the others.
    /// A fatal error (`APIError.isFatal`, e.g. 401) stops early: requests not yet started are
    /// skipped and those sites carry that same fatal error, since every request would fail alike.
    /// Duplicate site IDs are listed once.
    public func listAll(sites: [String], concurrency: Int) async -> [String: Result<[LiveWebhook], APIError>] {
        var unique: [String] = []
        var seen: Set<String> = []
        for site in sites where seen.insert(site).inserted { unique.append(site) }

        var results: [String: Result<[LiveWebhook], APIError>] = [:]
        var fatal: APIError?
        var next = 0
        await withTaskGroup(of: (String, Result<[LiveWebhook], APIError>).self) { group in
            func startNext() {
                let site = unique[next]
                next += 1
                group.addTask { (site, await self.listResult(site: site)) }
            }
            for _ in 0..<min(max(1, concurrency), unique.count) { startNext() }
            while let (site, result) = await group.next() {
                if fatal == nil {
                    results[site] = result
                } else {
                    // Finished after the fatal error: its outcome may be a cancellation artefact.
                    if case .success = result { results[site] = result }
                }
                if case .failure(let error) = result, error.isFatal, fatal == nil {
                    fatal = error
                    group.cancelAll()
                }
                if fatal == nil, next < unique.count { startNext() }
            }
        }
        if let fatal {
            for site in unique where results[site] == nil { results[site] = .failure(fatal) }
        }
        return results
    }

    /// One site's listing as a value. Kept out of the task group's closure: a typed-throws
    /// `do`/`catch` inside that closure was miscompiled in release builds (a crash on reading
    /// the site ID back out of the child task's result).
    func listResult(site: String) async -> Result<[LiveWebhook], APIError> {
        do {
            return .success(try await listWebhooks(site: site))
        } catch {
            return .failure(error)
        }
    }
}
