extension Planner {
    /// Fetches the live state of the declared sites (in parallel) and plans them.
    /// The only effect is the API's list calls; everything else stays pure.
    public static func plan(
        sites: [SiteFile],
        api: some WebhookAPI,
        secrets: SecretsSnapshot,
        concurrency: Int,
        sourceChecksum: String? = nil
    ) async -> Plan {
        let live = await api.listAll(sites: sites.map(\.site), concurrency: concurrency)
        return plan(sites: sites, live: live, secrets: secrets, sourceChecksum: sourceChecksum)
    }
}
