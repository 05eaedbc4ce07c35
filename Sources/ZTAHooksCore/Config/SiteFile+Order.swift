extension SiteFile {
    /// `transform` of each site in site-ID order, the order of plans and reports.
    ///
    /// Sorts the indices rather than the files (a second array of every file), and lets go of
    /// each file once it is transformed: when the caller hands its array over, a file is freed as
    /// soon as its site is planned, so that a run of 100,000 sites holds the plan at its end,
    /// not the plan and every file. An array still shared is copied once, as sorting it did.
    static func mapInSiteOrder<T>(_ sites: consuming [SiteFile], _ transform: (SiteFile) -> T) -> [T] {
        var sites = sites
        let order = sites.indices.sorted { sites[$0].site < sites[$1].site }
        var results: [T] = []
        results.reserveCapacity(order.count)
        for index in order {
            let site = sites[index]
            sites[index] = SiteFile(path: "", site: "", webhooks: [])
            results.append(transform(site))
        }
        return results
    }
}
