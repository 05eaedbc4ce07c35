import Foundation
@testable import ZTAHooksCore

extension ReconcileCase {
    /// The case of `seed`: 1 to 3 sites, each with 0 to 10 declared and 0 to 10 live webhooks.
    init(seed: UInt64) {
        var random = PropertyRandom(seed: seed)
        self.seed = seed
        concurrency = random.int(1...3)
        lostAnswers = random.chance(0.3) ? 0.3 : 0
        sites = []
        live = [:]
        var entries: [SecretEntry] = []
        var intents: [CreateIntent] = []
        for index in 0..<random.int(1...3) {
            let site = Self.site(index: index, &random)
            let stored = Self.live(index: index, declared: site.webhooks, &random)
            sites.append(site)
            live[site.site] = stored
            entries += Self.entries(site: site, live: stored.map(\.webhook), &random)
            intents += Self.intents(site: site, live: stored.map(\.webhook), known: Set(entries.map(\.id)), &random)
        }
        secrets = SecretsSnapshot(entries: entries, unresolvedIntents: intents)
    }

    /// A valid site file: unique names and URLs, 1 to 5 events each, at most 10 webhooks.
    static func site(index: Int, _ random: inout PropertyRandom) -> SiteFile {
        let path = "sites/s\(index).yaml"
        let count = random.chance(0.1) ? 0 : random.int(1...APILimits.maxWebhooksPerSite)
        // Twice as many URLs as webhooks, so that live states hold undeclared ones too.
        let slots = Array((0..<2 * APILimits.maxWebhooksPerSite).shuffled(using: &random).prefix(count))
        let webhooks = slots.enumerated().map { position, slot in
            DeclaredWebhook(
                name: "hook-\(slot)", url: url(host: hosts[slot % hosts.count], site: index, path: slot),
                events: events(&random), description: random.pick(descriptions),
                location: SourceLocation(file: path, line: 3 + 4 * position, column: 5))
        }
        return SiteFile(path: path, site: "site_\(index)", prune: random.chance(0.5), webhooks: webhooks)
    }

    /// 0 to 10 live webhooks: declared ones as they are (events in another order), with other
    /// events, disabled, duplicated, and URLs nothing declares.
    static func live(index: Int, declared: [DeclaredWebhook], _ random: inout PropertyRandom) -> [ModelWebhookAPI.Stored] {
        if random.chance(0.15) { return full(index: index, declared: declared, &random) }
        var stored: [ModelWebhookAPI.Stored] = []
        for number in 0..<random.int(0...APILimits.maxWebhooksPerSite) {
            let url: String
            let events: [String]
            switch random.int(0...9) {
            case 0...3 where !declared.isEmpty:
                let twin = random.pick(declared)
                url = variant(of: twin.url, &random)
                events = twin.events.rawValues.shuffled(using: &random)
            case 4...5 where !declared.isEmpty:
                url = variant(of: random.pick(declared).url, &random)
                events = self.events(&random).rawValues
            case 6 where !stored.isEmpty:
                let twin = random.pick(stored).webhook
                url = variant(of: twin.url, &random)
                events = twin.events
            default:
                let slot = random.int(0...(2 * APILimits.maxWebhooksPerSite - 1))
                url = self.url(host: hosts[slot % hosts.count], site: index, path: slot)
                events = self.events(&random).rawValues
            }
            stored.append(seeded(index: index, number: number, url: url, events: events, &random))
        }
        return stored
    }

    /// A site at the cap: each declared webhook live once (some with other events or disabled),
    /// filled up to 10 with URLs nothing declares, so that replaces may find no room.
    static func full(index: Int, declared: [DeclaredWebhook], _ random: inout PropertyRandom) -> [ModelWebhookAPI.Stored] {
        var stored = declared.enumerated().map { number, webhook in
            let events = random.chance(0.4) ? self.events(&random).rawValues : webhook.events.rawValues
            return seeded(index: index, number: number, url: variant(of: webhook.url, &random), events: events, &random)
        }
        let taken = Set(declared.map(\.identity))
        for slot in 0..<(2 * APILimits.maxWebhooksPerSite) where stored.count < APILimits.maxWebhooksPerSite {
            let url = self.url(host: hosts[slot % hosts.count], site: index, path: slot)
            guard !taken.contains(url) else { continue }
            stored.append(seeded(index: index, number: stored.count, url: url, events: self.events(&random).rawValues, &random))
        }
        return stored
    }

    static func seeded(index: Int, number: Int, url: String, events: [String], _ random: inout PropertyRandom) -> ModelWebhookAPI.Stored {
        let webhook = LiveWebhook(
            id: "wh_s\(index)_\(number)", url: url, events: events, active: !random.chance(0.15),
            createdAt: Date(timeIntervalSince1970: 1_700_000_000 + Double(random.int(0...50))))
        return ModelWebhookAPI.Stored(webhook: webhook, secret: "whsec_seeded\(index)x\(number)", description: random.pick(descriptions))
    }

    /// Entries for some live webhooks (known, adopted without a secret, with another description),
    /// none for others, and stale entries of webhooks that are gone.
    static func entries(site: SiteFile, live: [LiveWebhook], _ random: inout PropertyRandom) -> [SecretEntry] {
        var entries: [SecretEntry] = []
        let names = Dictionary(site.webhooks.map { ($0.identity, $0.name) }, uniquingKeysWith: { a, _ in a })
        for webhook in live where !random.chance(0.25) {
            let name = names[webhook.identity] ?? "old-\(webhook.id.replacingOccurrences(of: "_", with: "-"))"
            let adopted = random.chance(0.2)
            entries.append(SecretEntry(
                siteId: site.site, name: name, id: webhook.id, url: webhook.url, events: webhook.events,
                secret: adopted ? nil : "whsec_known\(webhook.id)", createdAt: "2024-12-12T16:00:00.000Z",
                adopted: adopted ? true : nil, description: random.pick(descriptions)))
        }
        for number in 0..<random.int(0...2) {
            entries.append(SecretEntry(
                siteId: site.site, name: "gone-\(number)", id: "wh_gone_\(site.site)_\(number)",
                url: "https://gone.example.com/\(number)", events: [EventType.goal.rawValue],
                secret: "whsec_gone\(number)", createdAt: "2024-12-12T16:00:00.000Z"))
        }
        return entries
    }

    /// Now and then a create that a killed run left unresolved: for a live webhook the secrets
    /// file does not know (its lost answer), or for a declared URL that never got created.
    static func intents(site: SiteFile, live: [LiveWebhook], known: Set<String>, _ random: inout PropertyRandom) -> [CreateIntent] {
        guard random.chance(0.2) else { return [] }
        let orphans = live.filter { !known.contains($0.id) }.map(\.url)
        let candidates = orphans + site.webhooks.map(\.url)
        guard !candidates.isEmpty else { return [] }
        let url = random.pick(candidates)
        return [CreateIntent(intentId: "int_\(site.site)", siteId: site.site, name: "lost", url: url,
                             events: [EventType.alert.rawValue], startedAt: "2024-12-12T16:00:00.000Z")]
    }
}
