import ZTAHooksCore

extension Plan {
    /// Names every site that could not be planned, on standard error.
    public func reportFailedSites() {
        Self.report(failed: sites)
    }

    /// One `error:` line for each site of `sites` with an error.
    static func report(failed sites: [SitePlan]) {
        for site in sites {
            if let error = site.error {
                StandardError.write("error: site \(site.siteId.displaySafe) (\(site.file.displaySafe)): \(error.displaySafe)\n")
            }
        }
    }
}

extension PlanTally {
    /// The same for a plan that streamed and was not kept.
    public func reportFailedSites() {
        Plan.report(failed: failed)
    }
}
