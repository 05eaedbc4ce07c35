/// What `drift` found, site by site. Never carries a secret: the secrets file contributes only
/// ids, names, URLs and events.
public struct DriftReport: Hashable, Sendable, Codable {
    /// Bumped when the JSON layout changes incompatibly.
    public var formatVersion: Int
    /// When the live state was compared (ISO 8601, UTC), for the metrics' last-run timestamp.
    public var generatedAt: String
    /// `--stale-after` as seconds, nil when staleness was not checked.
    public var staleAfterSeconds: Int?
    public var sites: [SiteDrift]
    /// Site files that could not be read or are invalid: their sites were not checked.
    public var invalidFiles: [String]
    public var summary: DriftSummary

    public init(generatedAt: String, staleAfterSeconds: Int?, sites: [SiteDrift], invalidFiles: [String] = []) {
        self.formatVersion = 1
        self.generatedAt = generatedAt
        self.staleAfterSeconds = staleAfterSeconds
        self.sites = sites
        self.invalidFiles = invalidFiles
        self.summary = DriftSummary(sites: sites, invalidFiles: invalidFiles.count)
    }

    /// Every finding, with its site.
    public var findings: [(site: String, finding: DriftFinding)] {
        sites.flatMap { site in site.findings.map { (site.siteId, $0) } }
    }
}

/// One declared site's part of the report.
public struct SiteDrift: Hashable, Sendable, Codable {
    public var siteId: String
    public var file: String
    public var prune: Bool
    public var findings: [DriftFinding]
    /// Live webhooks not declared on a `prune: false` site: left alone by design, not drift.
    public var unmanaged: [LiveSummary]
    /// Declared webhooks brought in by `import`, whose secrets their receivers hold.
    public var adopted: [AdoptedWebhook]
    /// Live webhooks on the site, and how many of them a declared webhook matches.
    public var live: Int
    public var managed: Int
    /// Set when the site could not be listed; then nothing else about it is known.
    public var error: String?

    public init(siteId: String, file: String, prune: Bool, findings: [DriftFinding] = [], unmanaged: [LiveSummary] = [],
                adopted: [AdoptedWebhook] = [], live: Int = 0, managed: Int = 0, error: String? = nil) {
        self.siteId = siteId
        self.file = file
        self.prune = prune
        self.findings = findings
        self.unmanaged = unmanaged
        self.adopted = adopted
        self.live = live
        self.managed = managed
        self.error = error
    }

    /// Findings of one class.
    public func count(_ findingClass: DriftFinding.Class) -> Int {
        findings.count { $0.findingClass == findingClass }
    }
}

/// A declared webhook that `import` adopted: its secret was never ztahooks's to hold.
public struct AdoptedWebhook: Hashable, Sendable, Codable {
    public var name: String
    public var id: String
    public var url: String
    public var events: [String]

    public init(name: String, id: String, url: String, events: [String]) {
        self.name = name
        self.id = id
        self.url = url
        self.events = events
    }
}

/// Counts over the whole report, and coverage: the share of live webhooks on the checked sites
/// that a site file declares (adopted ones included).
public struct DriftSummary: Hashable, Sendable, Codable {
    public var pending: Int
    public var outOfBand: Int
    public var health: Int
    public var sitesChecked: Int
    public var sitesFailed: Int
    public var invalidFiles: Int
    public var liveWebhooks: Int
    public var managedWebhooks: Int
    public var adopted: Int
    public var unmanaged: Int
    /// managedWebhooks / liveWebhooks, to four places; 1 when no webhook is live.
    public var coverage: Double

    public init(sites: [SiteDrift], invalidFiles: Int) {
        self.init(invalidFiles: invalidFiles)
        for site in sites { add(site) }
    }

    /// Nothing counted yet: the summary of a report streamed site by site (`add`).
    public init(invalidFiles: Int) {
        (pending, outOfBand, health, sitesChecked, sitesFailed) = (0, 0, 0, 0, 0)
        (liveWebhooks, managedWebhooks, adopted, unmanaged) = (0, 0, 0, 0)
        self.invalidFiles = invalidFiles
        coverage = 1
    }

    /// Counts one more site. Site by site: a flattened copy of every finding was the largest
    /// allocation of a drift of 10,000 sites (4.7 MB of its 16 MB heap peak).
    public mutating func add(_ site: SiteDrift) {
        for finding in site.findings {
            switch finding.findingClass {
            case .pending: pending += 1
            case .outOfBand: outOfBand += 1
            case .health: health += 1
            }
        }
        if site.error == nil { sitesChecked += 1 } else { sitesFailed += 1 }
        liveWebhooks += site.live
        managedWebhooks += site.managed
        adopted += site.adopted.count
        unmanaged += site.unmanaged.count
        coverage = liveWebhooks == 0 ? 1 : (Double(managedWebhooks) / Double(liveWebhooks) * 10_000).rounded() / 10_000
    }

    public var findings: Int { pending + outOfBand + health }

    /// True when something declared could not be checked: a site not listed, a file not read.
    public var isIncomplete: Bool { sitesFailed > 0 || invalidFiles > 0 }

    /// Findings of one class.
    public func count(_ findingClass: DriftFinding.Class) -> Int {
        switch findingClass {
        case .pending: pending
        case .outOfBand: outOfBand
        case .health: health
        }
    }
}
