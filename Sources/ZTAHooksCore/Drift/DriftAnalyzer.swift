import Foundation

/// Compares the site files (what git wants), the live webhooks (what is) and the secrets file
/// (what ztahooks last created or adopted) and classifies every difference. Pure: the clock is
/// an argument and nothing is read or written.
public enum DriftAnalyzer {
    /// Analyses every declared site; sites not declared are never looked at.
    ///
    /// - Parameters:
    ///   - staleAfter: seconds without a trigger before a webhook counts as stale; nil to skip.
    ///   - invalidFiles: site files that could not be loaded, named in the report as not checked.
    public static func analyze(
        sites: consuming [SiteFile],
        live: [String: Planner.LiveState],
        secrets: SecretsSnapshot,
        now: Date,
        staleAfter: Int? = nil,
        invalidFiles: [String] = []
    ) -> DriftReport {
        var analysed: [SiteDrift] = []
        analysed.reserveCapacity(sites.count)
        analyze(sites: consume sites, live: live, secrets: secrets, now: now, staleAfter: staleAfter, invalidFiles: invalidFiles) {
            analysed.append($0)
        }
        return DriftReport(generatedAt: Timestamp.format(now), staleAfterSeconds: staleAfter, sites: analysed,
                           invalidFiles: invalidFiles.sorted())
    }

    /// The same report handed to `each` a site at a time, in site order, and not kept: what text
    /// written as it is analysed needs. Returns the summary and the sites that could not be listed.
    @discardableResult
    public static func analyze(
        sites: consuming [SiteFile],
        live: [String: Planner.LiveState],
        secrets: SecretsSnapshot,
        now: Date,
        staleAfter: Int? = nil,
        invalidFiles: [String] = [],
        each: (SiteDrift) -> Void
    ) -> (summary: DriftSummary, failed: [SiteDrift]) {
        let secretsBySite = secrets.bySite()
        var summary = DriftSummary(invalidFiles: invalidFiles.count)
        var failed: [SiteDrift] = []
        SiteFile.forEachInSiteOrder(consume sites) { site in
            let analysed = analyzeSite(site, live: live[site.site] ?? Planner.notFetched(site.site),
                                       secrets: secretsBySite[site.site] ?? .empty, now: now, staleAfter: staleAfter)
            summary.add(analysed)
            if analysed.error != nil { failed.append(analysed) }
            each(analysed)
        }
        return (summary, failed)
    }

    /// Analyses one site. `secrets` may hold other sites' entries; only this site's count.
    public static func analyzeSite(_ site: SiteFile, live state: Planner.LiveState, secrets: SecretsSnapshot,
                                   now: Date, staleAfter: Int? = nil) -> SiteDrift {
        switch state {
        case .failure(let error):
            return SiteDrift(siteId: site.site, file: site.path, prune: site.prune, error: error.message)
        case .success(let webhooks):
            // What apply would do, from the planner itself, so that drift never disagrees with plan.
            let plan = Planner.planSite(site, live: state, secrets: secrets)
            var analysis = DriftSiteAnalysis(site: site, live: webhooks, secrets: secrets, plan: plan, now: now, staleAfter: staleAfter)
            return analysis.run()
        }
    }
}
