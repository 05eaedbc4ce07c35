/// What a plan (or a drift report) looked at and what it could not: a summary never says "no
/// changes" about sites it did not see.
public struct PlanCoverage: Hashable, Sendable {
    /// Sites whose live webhooks were listed and compared.
    public var checkedSites: Int
    /// Sites that could not be listed (or planned).
    public var failedSites: Int
    /// Site files (or paths) with errors, left out of the run.
    public var invalidFiles: Int

    public init(checkedSites: Int, failedSites: Int, invalidFiles: Int) {
        self.checkedSites = checkedSites
        self.failedSites = failedSites
        self.invalidFiles = invalidFiles
    }

    public init(_ plan: Plan, invalidFiles: Int) {
        self.init(sites: plan.sites.count, summary: plan.summary, invalidFiles: invalidFiles)
    }

    /// The same for a plan that was streamed and not kept.
    public init(_ tally: PlanTally, invalidFiles: Int) {
        self.init(sites: tally.siteCount, summary: tally.summary, invalidFiles: invalidFiles)
    }

    private init(sites: Int, summary: PlanSummary, invalidFiles: Int) {
        self.init(checkedSites: sites - summary.failedSites, failedSites: summary.failedSites, invalidFiles: invalidFiles)
    }

    /// True when everything given was checked.
    public var isComplete: Bool { failedSites == 0 && invalidFiles == 0 }

    /// "1 site that could not be listed and 2 site files with errors", or `nil` when complete.
    public var notChecked: String? {
        var parts: [String] = []
        if failedSites > 0 { parts.append("\(failedSites) site\(failedSites == 1 ? "" : "s") that could not be planned (listing failed or over the cap)") }
        if invalidFiles > 0 { parts.append("\(invalidFiles) site file\(invalidFiles == 1 ? "" : "s") with errors") }
        return parts.isEmpty ? nil : parts.joined(separator: " and ")
    }

    /// "No changes" only when every site was checked; otherwise what was checked and what was not.
    public var noChangesHeadline: String {
        guard let notChecked else { return "No changes: live webhooks match the site files." }
        if checkedSites == 0 { return "Nothing was checked: \(notChecked)." }
        return "No changes on the \(checkedSites) site\(checkedSites == 1 ? "" : "s") checked; not checked: \(notChecked)."
    }
}
