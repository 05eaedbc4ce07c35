extension WebhookAPI {
    /// Lists many sites in parallel, at most `concurrency` requests at a time.
    ///
    /// Every site gets a result: a failure on one site (403, 5xx, ...) does not stop the others.
    /// A fatal error (`APIError.isFatal`, e.g. 401) stops early: requests not yet started are
    /// skipped and those sites carry that same fatal error, since every request would fail alike.
    /// Duplicate site IDs are listed once.
    public func listAll(sites: [String], concurrency: Int) async -> [String: Result<[LiveWebhook], APIError>] {
        // The same rules as plan's prefetch, which lists sites as their files are parsed: one
        // implementation of them.
        await LivePrefetch(api: self, concurrency: concurrency).results(for: sites)
    }

    /// One site's listing as a value. Kept out of the task group's closure: a typed-throws
    /// `do`/`catch` inside that closure was miscompiled in release builds (a crash on reading
    /// the site ID back out of the child task's result).
    func listResult(site: String) async -> Result<[LiveWebhook], APIError> {
        // Under the site's `list site` span, the parent of its request.
        await SiteSpan.around(.list, site: site) { await listing(site: site) }
    }

    private func listing(site: String) async -> Result<[LiveWebhook], APIError> {
        do {
            return .success(try await listWebhooks(site: site))
        } catch {
            return .failure(error)
        }
    }
}
