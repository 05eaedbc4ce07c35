/// What apply would do, site by site, in the order it would do it. Never carries a secret.
public struct Plan: Hashable, Sendable, Codable {
    /// Bumped when the JSON layout changes incompatibly.
    public var formatVersion: Int
    public var sites: [SitePlan]
    public var summary: PlanSummary
    /// SHA-256 over the site files the plan came from (paths and bytes); set by the caller.
    public var sourceChecksum: String?
    /// The paths the plan was made from, so that `apply --plan` reads the same files from
    /// wherever it runs; set by the caller.
    public var source: PlanSource?

    public init(sites: [SitePlan], sourceChecksum: String? = nil) {
        self.formatVersion = 1
        self.sites = sites
        self.summary = PlanSummary(sites: sites)
        self.sourceChecksum = sourceChecksum
    }

    public var hasChanges: Bool { summary.create + summary.replace + summary.delete > 0 }
    public var hasErrors: Bool { sites.contains { $0.error != nil } }
}

/// Counts over the whole plan. `unchanged` counts declared webhooks that need nothing;
/// unmanaged live webhooks (`prune: false`) are counted apart.
public struct PlanSummary: Hashable, Sendable, Codable {
    public var create: Int
    public var replace: Int
    public var delete: Int
    public var unchanged: Int
    public var unmanaged: Int
    public var failedSites: Int
    /// Recorded secrets of webhooks the API no longer lists, which apply keeps as retired.
    public var retiring: Int

    public init(sites: [SitePlan]) {
        (create, replace, delete, unchanged, unmanaged, failedSites, retiring) = (0, 0, 0, 0, 0, 0, 0)
        for site in sites { add(site) }
    }

    /// Counts one more site: the summary of a plan streamed site by site, without a copy of
    /// every action (which `flatMap` over the sites made, 2 MB for 10,000 sites).
    public mutating func add(_ site: SitePlan) {
        for action in site.actions {
            switch action.kind {
            case .create: create += 1
            case .replace: replace += 1
            case .delete: delete += 1
            }
        }
        unchanged += site.unchanged.count
        unmanaged += site.unmanaged.count
        failedSites += site.error == nil ? 0 : 1
        retiring += site.retiring.count
    }

    public var changes: Int { create + replace + delete }
}

/// What a plan handed out a site at a time (`Planner.plan(sites:live:secrets:each:)`) leaves
/// behind: its counts and its failed sites, which is all a run's summary line and errors need.
public struct PlanTally: Sendable {
    public private(set) var summary = PlanSummary(sites: [])
    public private(set) var siteCount = 0
    /// The sites that could not be planned, for the errors printed after the plan.
    public private(set) var failed: [SitePlan] = []

    public init() {}

    public mutating func add(_ site: SitePlan) {
        summary.add(site)
        siteCount += 1
        if site.error != nil { failed.append(site) }
    }

    public var hasChanges: Bool { summary.changes > 0 }
    public var hasErrors: Bool { !failed.isEmpty }
}

/// One site's part of the plan.
public struct SitePlan: Hashable, Sendable, Codable {
    public var siteId: String
    /// The site file it was declared in.
    public var file: String
    public var prune: Bool
    /// In execution order: the order keeps the site at or under 10 webhooks at every step.
    public var actions: [PlannedAction]
    public var unchanged: [UnchangedWebhook]
    /// Live webhooks not declared, left alone because the file says `prune: false`.
    public var unmanaged: [LiveSummary]
    /// Things worth knowing that change nothing.
    public var notes: [String]
    /// Recorded secrets of webhooks the API no longer lists: apply moves them to `retired`.
    public var retiring: [RecordedSecret] = []
    /// Retired secrets of webhooks the API lists again: apply restores them.
    public var restoring: [RecordedSecret] = []
    /// Fingerprint of the live state the plan was computed from (ids, URLs, events, active).
    public var fingerprint: String?
    /// Set when the site could not be planned (API error, cap exceeded); then nothing else is.
    public var error: String?

    public init(siteId: String, file: String, prune: Bool, actions: [PlannedAction] = [], unchanged: [UnchangedWebhook] = [],
                unmanaged: [LiveSummary] = [], notes: [String] = [], fingerprint: String? = nil, error: String? = nil) {
        self.siteId = siteId
        self.file = file
        self.prune = prune
        self.actions = actions
        self.unchanged = unchanged
        self.unmanaged = unmanaged
        self.notes = notes
        self.fingerprint = fingerprint
        self.error = error
    }

    public var hasChanges: Bool { !actions.isEmpty }
}

/// A declared webhook that needs nothing, with any flags worth showing.
public struct UnchangedWebhook: Hashable, Sendable, Codable {
    public var name: String
    public var id: String
    public var url: String
    public var events: [String]
    /// e.g. "secret unknown; `ztahooks rotate site/name` mints a new one".
    public var flags: [String]

    public init(name: String, id: String, url: String, events: [String], flags: [String] = []) {
        self.name = name
        self.id = id
        self.url = url
        self.events = events
        self.flags = flags
    }
}

/// A live webhook in brief.
public struct LiveSummary: Hashable, Sendable, Codable {
    public var id: String
    public var url: String
    public var events: [String]
    public var active: Bool

    public init(_ live: LiveWebhook) {
        id = live.id
        url = live.url
        events = live.events
        active = live.active
    }
}

/// A secret the secrets file holds, named for a reviewer: which webhook, and why it moves.
public struct RecordedSecret: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    public var url: String
    public var reason: String

    public init(id: String, name: String, url: String, reason: String) {
        self.id = id
        self.name = name
        self.url = url
        self.reason = reason
    }
}

/// Where a plan's site files were read: the paths given (or the project's), relative to the
/// source root (`SourceRoot`), and that root as it was on the machine that made the plan.
public struct PlanSource: Hashable, Sendable, Codable {
    /// Relative to the root (`sites`, `.`), or absolute when outside it.
    public var paths: [String]
    /// The absolute root when the plan was made: used when `apply` finds no root of its own.
    public var root: String

    public init(paths: [String], root: String) {
        self.paths = paths
        self.root = root
    }

    /// The paths to read for a command run in `cwd` whose own root is `root`, as a user would type them.
    public func resolved(cwd: String, root currentRoot: String?) -> [String] {
        let base = currentRoot ?? root
        return paths.map { SourceRoot.display(SourceRoot.absolute($0, cwd: base), cwd: cwd) }
    }
}
