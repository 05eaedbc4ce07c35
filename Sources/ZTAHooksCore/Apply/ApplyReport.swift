/// What apply did.
public struct ApplyReport: Hashable, Sendable {
    public var sites: [SiteResult]
    /// Set when the secrets file could not be written: apply stopped before the next action.
    public var halted: String?
    /// Set when a stop was asked (e.g. "SIGTERM"): actions in flight finished, no new one started.
    public var stopped: String?

    public struct SiteResult: Hashable, Sendable {
        public var siteId: String
        public var succeeded: [PlannedAction]
        /// The action that failed and the words of the failure; the site stopped there.
        public var failure: (action: PlannedAction, message: String)?
        /// Actions not attempted because an earlier one failed or apply halted.
        public var skipped: [PlannedAction]
        /// Why a secret left pending by an earlier run could not be handed off (or a webhook an
        /// earlier run deleted could not be told to `--on-delete`): the site did nothing else.
        public var sinkFailure: String?
        /// Done, but not as asked (a create answered with another URL or events): one line each.
        public var warnings: [String] = []
        /// Each create-then-delete replace: how long the old and the new webhook were both live.
        public var overlaps: [Overlap] = []

        public init(siteId: String, succeeded: [PlannedAction] = [], failure: (action: PlannedAction, message: String)? = nil, skipped: [PlannedAction] = []) {
            self.siteId = siteId
            self.succeeded = succeeded
            self.failure = failure
            self.skipped = skipped
        }

        public static func == (a: SiteResult, b: SiteResult) -> Bool {
            a.siteId == b.siteId && a.succeeded == b.succeeded && a.skipped == b.skipped && a.sinkFailure == b.sinkFailure
                && a.warnings == b.warnings
                && a.failure?.action == b.failure?.action && a.failure?.message == b.failure?.message
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(siteId)
            hasher.combine(succeeded)
            hasher.combine(failure?.message)
        }
    }

    public init(sites: [SiteResult], halted: String? = nil, stopped: String? = nil) {
        self.sites = sites.sorted { $0.siteId < $1.siteId }
        self.halted = halted
        self.stopped = stopped
    }

    public var failures: [(siteId: String, action: PlannedAction, message: String)] {
        sites.compactMap { site in site.failure.map { (site.siteId, $0.action, $0.message) } }
    }

    /// Sites that stopped before their actions because a sink failed on an earlier run's webhook.
    public var sinkFailures: [(siteId: String, message: String)] {
        sites.compactMap { site in site.sinkFailure.map { (site.siteId, $0) } }
    }

    /// Every warning, with its site.
    public var warnings: [(siteId: String, message: String)] {
        sites.flatMap { site in site.warnings.map { (site.siteId, $0) } }
    }

    /// Every overlap, with its site.
    public var overlaps: [(siteId: String, overlap: Overlap)] {
        sites.flatMap { site in site.overlaps.map { (site.siteId, $0) } }
    }

    /// The time a replace's old and new webhook were both live, so both got every event.
    public struct Overlap: Hashable, Sendable {
        public var url: String
        public var newId: String
        public var oldId: String
        public var duration: Duration

        public init(url: String, newId: String, oldId: String, duration: Duration) {
            self.url = url
            self.newId = newId
            self.oldId = oldId
            self.duration = duration
        }

        /// `https://hooks.example.com/zta: wh_new and wh_old both delivered for 3.1 s`
        public var sentence: String {
            "\(url): \(newId) and \(oldId) both delivered for \(duration.tenthsText) s"
        }
    }

    public var succeeded: Int { sites.reduce(0) { $0 + $1.succeeded.count } }
    public var skipped: Int { sites.reduce(0) { $0 + $1.skipped.count } }
    public var isSuccess: Bool { failures.isEmpty && sinkFailures.isEmpty && halted == nil && stopped == nil && skipped == 0 }

    public func count(_ kind: PlannedAction.Kind) -> Int {
        sites.reduce(0) { $0 + $1.succeeded.count { $0.kind == kind } }
    }
}
