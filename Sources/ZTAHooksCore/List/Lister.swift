/// Classifies live webhooks against the site files and the secrets file, as `list` shows them.
///
/// Which live webhook a declared URL matches is decided by `Planner.bestMatch`, so that `list`
/// and `plan` always agree on which copy is kept and which is deleted.
public enum Lister {
    /// `declared` are the site files of the listed sites that have one; every other site in
    /// `live` is listed as declared nowhere.
    public static func list(declared: [SiteFile], live: [String: Planner.LiveState], secrets: SecretsSnapshot) -> WebhookListing {
        let files = Dictionary(declared.map { ($0.site, $0) }, uniquingKeysWith: { a, _ in a })
        let entries = Dictionary(grouping: secrets.entries, by: \.siteId)
        let sites = live.keys.sorted().map { siteId in
            let file = files[siteId]
            switch live[siteId]! {
            case .failure(let error):
                return ListedSite(siteId: siteId, file: file?.path, prune: file?.prune, webhooks: [], error: error.message)
            case .success(let webhooks):
                return ListedSite(
                    siteId: siteId, file: file?.path, prune: file?.prune,
                    webhooks: classify(webhooks, file: file, entries: entries[siteId] ?? []))
            }
        }
        return WebhookListing(sites: sites)
    }

    static func classify(_ live: [LiveWebhook], file: SiteFile?, entries: [SecretEntry]) -> [ListedWebhook] {
        let known = Dictionary(entries.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let liveByIdentity = Dictionary(grouping: live, by: \.identity)
        var declaredNames: [String: String] = [:]  // kept live id → declared name
        var duplicates = Set<String>()
        for declared in file?.webhooks ?? [] {
            let candidates = liveByIdentity[declared.identity] ?? []
            guard let kept = Planner.bestMatch(candidates, wanted: declared.events.rawValues, known: known) else { continue }
            declaredNames[kept.id] = declared.name
            for other in candidates where other.id != kept.id { duplicates.insert(other.id) }
        }
        return live.sorted(by: WebhookNaming.creationOrder).map { webhook in
            let entry = known[webhook.id]
            let state: ManagementState
            var deleted = false
            if declaredNames[webhook.id] != nil {
                state = entry == nil ? .unknown : entry?.hasSecret != true ? .adopted : .managed
            } else {
                state = .unmanaged
                deleted = duplicates.contains(webhook.id) || file?.prune == true
            }
            return ListedWebhook(
                id: webhook.id, name: declaredNames[webhook.id] ?? entry?.name, url: webhook.url, events: webhook.events,
                active: webhook.active, createdAt: webhook.createdAt.map(Timestamp.format),
                lastTriggered: webhook.lastTriggered.map(Timestamp.format), state: state, deletedByNextApply: deleted)
        }
    }
}
