/// Turns one site's live webhooks into a site file's entries and the adoptions that go with them.
///
/// Pure: the same live webhooks and secrets file give the same names, order and comments.
public enum SiteImporter {
    public static func importSite(_ siteId: String, live: [LiveWebhook], secrets: SecretsSnapshot) -> ImportedSite {
        let known = Dictionary(secrets.entries.filter { $0.siteId == siteId }.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var kept: [(webhook: LiveWebhook, events: [EventType], duplicates: [String])] = []
        var excluded: [ExcludedWebhook] = []
        for group in Dictionary(grouping: live, by: \.identity).values {
            let keeper = keeperOf(group, known: known)
            let duplicates = group.filter { $0.id != keeper.id }.sorted(by: WebhookNaming.creationOrder).map(\.id)
            switch declarableEvents(keeper) {
            case .success(let events):
                kept.append((keeper, events, duplicates))
            case .failure(let problem):
                excluded.append(ExcludedWebhook(id: keeper.id, url: keeper.url, events: keeper.events, reason: problem.reason))
                excluded += group.filter { $0.id != keeper.id }.map {
                    ExcludedWebhook(id: $0.id, url: $0.url, events: $0.events, reason: "same URL as \(keeper.id), which cannot be declared")
                }
            }
        }
        kept.sort { WebhookNaming.creationOrder($0.webhook, $1.webhook) }
        excluded.sort { $0.id < $1.id }
        let names = WebhookNaming.names(for: kept.map(\.webhook), known: known.mapValues(\.name))
        let webhooks = kept.map { item in
            let entry = known[item.webhook.id]
            let description = entry?.webhookDescription.flatMap { $0.count <= SiteFormat.descriptionMaxLength ? $0 : nil }
            return ImportedWebhook(
                name: names[item.webhook.id]!, id: item.webhook.id, url: item.webhook.url, events: item.events,
                description: description, disabled: !item.webhook.active, duplicateIds: item.duplicates)
        }
        let adoptions = zip(webhooks, kept).compactMap { declared, item -> SecretEntry? in
            // A webhook whose secret is known is managed already: adoption would add nothing.
            if known[declared.id]?.hasSecret == true { return nil }
            return SecretEntry(
                siteId: siteId, name: declared.name, id: declared.id, url: declared.url, events: declared.events.rawValues,
                secret: nil, createdAt: item.webhook.createdAt.map(Timestamp.format), adopted: true)
        }
        return ImportedSite(siteId: siteId, webhooks: webhooks, excluded: excluded, adoptions: adoptions)
    }

    /// The webhook the planner will keep once its events are declared: `Planner.bestMatch` asked
    /// first without events (active, then a known secret, then the oldest), then with that
    /// webhook's events, which only strengthens its lead, so the plan after an import keeps it.
    static func keeperOf(_ group: [LiveWebhook], known: [String: SecretEntry]) -> LiveWebhook {
        let first = Planner.bestMatch(group, wanted: [], known: known)!
        return Planner.bestMatch(group, wanted: first.events, known: known)!
    }

    struct Undeclarable: Error {
        var reason: String
    }

    /// The events in the document's order, or why a site file cannot declare this webhook.
    static func declarableEvents(_ webhook: LiveWebhook) -> Result<[EventType], Undeclarable> {
        if let problem = WebhookURLRule.check(webhook.url) {
            return .failure(Undeclarable(reason: problem.message))
        }
        var events = Set<EventType>()
        for raw in webhook.events {
            guard let event = EventType(rawValue: raw) else {
                return .failure(Undeclarable(reason: "event type '\(raw)' is not one this version of ztahooks knows"))
            }
            events.insert(event)
        }
        guard (1...APILimits.maxEventsPerWebhook).contains(events.count) else {
            return .failure(Undeclarable(reason: "it has \(events.count) event types; a site file needs 1 to \(APILimits.maxEventsPerWebhook)"))
        }
        return .success(events.sorted())
    }
}
