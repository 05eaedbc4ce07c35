extension SiteFile {
    /// `body` with each site in site-ID order, the order of plans and reports.
    ///
    /// Sorts the indices rather than the files (a second array of every file), and lets go of
    /// each file once `body` is done with it: when the caller hands its array over, a file is
    /// freed as soon as its site is planned, so that a run of 100,000 sites never holds the plan
    /// and every file at once. An array still shared is copied once, as sorting it did.
    static func forEachInSiteOrder(_ sites: consuming [SiteFile], _ body: (SiteFile) -> Void) {
        var sites = sites
        let order = sites.indices.sorted { sites[$0].site < sites[$1].site }
        for index in order {
            let site = sites[index]
            sites[index] = SiteFile(path: "", site: "", webhooks: [])
            body(site)
        }
    }

    /// `transform` of each site in site-ID order (`forEachInSiteOrder`).
    static func mapInSiteOrder<T>(_ sites: consuming [SiteFile], _ transform: (SiteFile) -> T) -> [T] {
        var results: [T] = []
        results.reserveCapacity(sites.count)
        forEachInSiteOrder(consume sites) { results.append(transform($0)) }
        return results
    }
}
