import ZTAHooksCore

extension Plan {
    /// Names every site that could not be planned, on standard error.
    public func reportFailedSites() {
        for site in sites {
            if let error = site.error {
                StandardError.write("error: site \(site.siteId.displaySafe) (\(site.file.displaySafe)): \(error.displaySafe)\n")
            }
        }
    }
}
