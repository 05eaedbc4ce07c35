/// The one pipeline behind `plan`, `apply`, `rotate`, `drift` and `import`: list the declared
/// sites, compare them with the site files and the secrets file, check the guards, carry out.
///
/// The executable feeds it (flags, files, the terminal) and maps its typed outcomes to exit
/// statuses; everything between is here, so that every command decides the same way.
public struct Reconciler: Sendable {
    public var api: any WebhookAPI
    /// Sites listed or applied at once: fixed, or adapting to the API's answers.
    public var limiter: ConcurrencyLimiter

    public init(api: any WebhookAPI, limiter: ConcurrencyLimiter) {
        self.api = api
        self.limiter = limiter
    }

    /// A pipeline with a fixed number of sites at once.
    public init(api: any WebhookAPI, concurrency: Int) {
        self.init(api: api, limiter: ConcurrencyLimiter(fixed: concurrency))
    }

    /// Lists every declared site in parallel. A fatal error (a refused token, a bad setup) would
    /// be the same for every site, so it is thrown once instead of reported per site.
    ///
    /// - Parameter prefetched: listings started while the site files were read; sites it has
    ///   not started are listed through it too.
    public func observe(_ sites: [SiteFile], prefetched: LivePrefetch? = nil) async throws(APIError) -> LiveView {
        try await observe(siteIDs: sites.map(\.site), prefetched: prefetched)
    }

    /// The same for sites named by ID, declared in a file or not (`import`, `list --site`).
    public func observe(siteIDs: [String], prefetched: LivePrefetch? = nil) async throws(APIError) -> LiveView {
        let listed = if let prefetched {
            await prefetched.results(for: siteIDs)
        } else {
            await LivePrefetch(api: api, limiter: limiter).results(for: siteIDs)
        }
        for result in listed.values {
            if case .failure(let error) = result, error.isFatal { throw error }
        }
        return LiveView(sites: listed)
    }

    /// A prefetch on this pipeline's API and concurrency: hand it the site IDs as their files
    /// are parsed, then pass it to `observe` or `plan`.
    public func prefetch(only siteIDs: Set<String>? = nil) -> LivePrefetch {
        LivePrefetch(api: api, limiter: limiter, only: siteIDs)
    }

    /// Lists and plans. Takes `input` over: its site files are freed as they are planned when
    /// the caller hands over its only copy (keeping `SiteSet.withoutSites`).
    public func plan(_ input: consuming SiteSet, secrets: SecretsSnapshot, prefetched: LivePrefetch? = nil) async throws(APIError) -> (plan: Plan, live: LiveView) {
        let live = try await observe(input.sites, prefetched: prefetched)
        let checksum = input.checksum
        return (Planner.plan(sites: (consume input).sites, live: live.sites, secrets: secrets, sourceChecksum: checksum), live)
    }

    /// What `apply` would carry out, or why it must not: pure, given what was listed.
    ///
    /// - Parameter saved: a plan saved by `plan --out` (with the path it came from, for
    ///   messages), applied only if the site files and every site's live state are unchanged.
    public static func prepareApply(
        _ input: SiteSet, live: LiveView, secrets: SecretsSnapshot, saved: (plan: Plan, path: String)? = nil, guards: ApplyGuards
    ) -> ApplyPreparation {
        let fresh = Planner.plan(sites: input.sites, live: live.sites, secrets: secrets, sourceChecksum: input.checksum)
        let plan: Plan
        if let saved {
            let checked = SavedPlanCheck.check(saved.plan, path: saved.path, checksum: input.checksum, live: live.sites, sites: input.sites)
                .flatMap { SavedPlanCheck.matches($0, fresh: fresh, path: saved.path) }
            switch checked {
            case .success(let checked): plan = checked
            case .failure(let refusal):
                return refusal.isStale ? .refused(nil, [refusal.message]) : .failed(refusal.message)
            }
        } else {
            plan = fresh
        }
        let violations = guards.violations(of: plan, sites: input.sites)
        if !violations.isEmpty { return .refused(plan, violations) }
        // Unresolved intents, secrets not yet handed off and entries of webhooks that are gone
        // (a run killed between a delete and its record) are settled by an apply even when the
        // plan has nothing to change: otherwise a stale entry would outlive every later apply.
        guard plan.hasChanges || !secrets.unresolvedIntents.isEmpty || secrets.entries.contains(where: \.awaitsHandOff)
            || !Applier.staleEntries(secrets.entries, live: live.webhooks).isEmpty
            || !Applier.restorableEntries(secrets.retired, live: live.webhooks).isEmpty
        else { return .nothingToDo(plan) }
        return .ready(plan)
    }

    /// The replaces that mint new secrets for `targets`, and nothing else.
    public static func prepareRotation(
        _ targets: [Rotation.Target], input: SiteSet, live: LiveView, secrets: SecretsSnapshot
    ) -> Result<Plan, RotationError> {
        let full = Planner.plan(sites: input.sites, live: live.sites, secrets: secrets, sourceChecksum: input.checksum)
        return Rotation.plan(targets: targets, sites: input.sites, from: full, live: live.sites)
    }

    /// Carries a prepared plan out; see `Applier`.
    public func execute(
        _ plan: Plan, live: LiveView, secrets: any SecretsRecorder, observer: any ApplyObserver = SilentApplyObserver(),
        stop: StopRequest = StopRequest(), sinks: SecretSinks = .none
    ) async -> ApplyReport {
        let applier = Applier(api: api, secrets: secrets, observer: observer, limiter: limiter, stop: stop, sinks: sinks)
        return await applier.apply(plan, live: live.webhooks)
    }
}

/// The live webhooks of the declared sites as one run listed them; a site that could not be
/// listed carries why.
public struct LiveView: Sendable {
    public var sites: [String: Planner.LiveState]

    public init(sites: [String: Planner.LiveState]) {
        self.sites = sites
    }

    /// The sites that were listed, without the failures.
    public var webhooks: [String: [LiveWebhook]] { sites.compactMapValues { try? $0.get() } }
}

/// What `apply` found it should do.
public enum ApplyPreparation: Sendable {
    /// Changes to carry out (or intents of an interrupted run to settle).
    case ready(Plan)
    /// Nothing to change.
    case nothingToDo(Plan)
    /// Refused, nothing changed: a guard tripped or a saved plan no longer matches. One line each.
    case refused(Plan?, [String])
    /// The saved plan cannot be used (unreadable, another format, a site the API would not list).
    case failed(String)
}

/// Site files as a command loaded them: the valid sites, every diagnostic, and the checksum a
/// saved plan is checked against, computed from the same bytes that were parsed.
public struct SiteSet: Sendable {
    public var sites: [SiteFile]
    public var diagnostics: [Diagnostic]
    public var checksum: String
    /// What was read, as the command chose it (PATH arguments, the project's `paths`, or `.`),
    /// relative to the source root: what a saved plan records (`PlanSource`).
    public var source: PlanSource?

    public init(sites: [SiteFile], diagnostics: [Diagnostic], checksum: String) {
        self.sites = sites
        self.diagnostics = diagnostics
        self.checksum = checksum
    }

    public var hasErrors: Bool { diagnostics.hasErrors }

    /// This set without its sites: what a run keeps for its summary and its saved plan (the
    /// diagnostics, the checksum, the source) while it hands the set itself to the planner,
    /// which frees each site's file once planned.
    public var withoutSites: SiteSet {
        var kept = self
        kept.sites = []
        return kept
    }

    /// Files (or paths) with at least one error, sorted: left out of the run, and said so in summaries.
    public var invalidFiles: [String] { Array(Set(diagnostics.filter { $0.severity == .error }.map(\.location.file))).sorted() }

    public var invalidFileCount: Int { invalidFiles.count }
}
