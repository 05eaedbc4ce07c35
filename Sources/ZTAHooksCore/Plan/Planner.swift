/// Computes a plan: a pure function of the site files, the live webhooks and the secrets file.
public enum Planner {
    /// One site's live state as fetched: the webhooks, or why they could not be read.
    public typealias LiveState = Result<[LiveWebhook], APIError>

    /// Plans every declared site; sites not declared are never touched.
    ///
    /// Takes `sites` over: a caller that hands over its only copy has each file freed once its
    /// site is planned (`SiteFile.forEachInSiteOrder`).
    public static func plan(
        sites: consuming [SiteFile],
        live: [String: LiveState],
        secrets: SecretsSnapshot,
        sourceChecksum: String? = nil
    ) -> Plan {
        var planned: [SitePlan] = []
        planned.reserveCapacity(sites.count)
        plan(sites: consume sites, live: live, secrets: secrets) { planned.append($0) }
        return Plan(sites: planned, sourceChecksum: sourceChecksum)
    }

    /// The same plan handed to `each` a site at a time, in site order, and not kept: what output
    /// written as it is planned needs (`plan` in text or JSON, and `--out`), in memory that does not grow with
    /// the number of sites. Returns the counts and the failed sites.
    @discardableResult
    public static func plan(
        sites: consuming [SiteFile],
        live: [String: LiveState],
        secrets: SecretsSnapshot,
        each: (SitePlan) -> Void
    ) -> PlanTally {
        let secretsBySite = secrets.bySite()
        var tally = PlanTally()
        SiteFile.forEachInSiteOrder(consume sites) { site in
            let planned = planSite(site, live: live[site.site] ?? notFetched(site.site), secrets: secretsBySite[site.site] ?? .empty)
            tally.add(planned)
            each(planned)
        }
        return tally
    }

    /// The reasons of every create of a webhook not live: one array shared by them all, not one
    /// allocated per create.
    private static let notLiveReasons = [Reason.notLive]

    /// The state of a site missing from the fetched map: an error of that site, not a crash.
    static func notFetched(_ site: String) -> LiveState {
        .failure(.transport(message: "not fetched", context: "site \(site)"))
    }

    /// Plans one site.
    public static func planSite(_ site: SiteFile, live state: LiveState, secrets: SecretsSnapshot) -> SitePlan {
        var result = SitePlan(siteId: site.site, file: site.path, prune: site.prune)
        let live: [LiveWebhook]
        switch state {
        case .success(let webhooks):
            live = webhooks
        case .failure(let error):
            result.error = error.message
            return result
        }
        result.fingerprint = LiveFingerprint.of(live)

        let liveIDs = Set(live.map(\.id))
        let entries = secrets.entries.filter { $0.siteId == site.site }
        // A retired entry of a webhook listed again is known again: apply restores it.
        let restored = secrets.retired.filter { $0.entry.siteId == site.site && liveIDs.contains($0.entry.id) }
        let known = Dictionary((entries + restored.map(\.entry)).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        result.retiring = entries.filter { !liveIDs.contains($0.id) }
            .map { RecordedSecret(id: $0.id, name: $0.name, url: $0.url, reason: RetirementReason.notListed) }
        result.restoring = restored.map { RecordedSecret(id: $0.entry.id, name: $0.entry.name, url: $0.entry.url, reason: Reason.listedAgain) }
        let lostIdentities = Set(secrets.unresolvedIntents.filter { $0.siteId == site.site }.map(\.identity))
        let liveByIdentity = Dictionary(grouping: live, by: \.identity)

        var creates: [CreateAction] = []
        var replaces: [ReplaceAction] = []
        var deletes: [DeleteAction] = []
        var matched = Set<String>()

        for declared in site.webhooks {
            let wanted = declared.events
            let candidates = liveByIdentity[declared.identity] ?? []
            guard let kept = bestMatch(candidates, wanted: wanted.rawValues, known: known) else {
                creates.append(CreateAction(
                    name: declared.name, url: declared.url, events: wanted, reasons: notLiveReasons, description: declared.description))
                continue
            }
            for other in candidates where other.id != kept.id {
                matched.insert(other.id)
                let lost = known[other.id] == nil && lostIdentities.contains(other.identity)
                deletes.append(DeleteAction(
                    name: known[other.id]?.name, url: other.url, events: other.events,
                    reasons: [lost ? Reason.lostInFlightUnwanted : Reason.duplicate(of: kept.id)], id: other.id))
            }
            matched.insert(kept.id)
            let entry = known[kept.id]
            var reasons: [String] = []
            if entry == nil && lostIdentities.contains(kept.identity) {
                reasons.append(Reason.lostInFlight)
            }
            if !kept.active {
                reasons.append(Reason.disabled)
            }
            if Set(kept.events) != Set(wanted.rawValues) {
                reasons.append(Reason.eventsChanged(from: kept.events, to: wanted.rawValues))
            }
            if !reasons.isEmpty {
                replaces.append(ReplaceAction(
                    name: declared.name, url: declared.url, events: wanted, reasons: reasons,
                    id: kept.id, currentEvents: kept.events, description: declared.description))
                continue
            }
            var flags: [String] = []
            if let entry, !entry.hasSecret {
                flags.append(Reason.adoptedSecret(site: site.site, name: declared.name))
            } else if entry == nil {
                flags.append(Reason.secretUnknown(site: site.site, name: declared.name))
            }
            if let entry, entry.adopted != true, entry.webhookDescription != declared.description {
                result.notes.append(Reason.descriptionChanged(site: site.site, name: declared.name))
            }
            result.unchanged.append(UnchangedWebhook(name: declared.name, id: kept.id, url: kept.url, events: kept.events, flags: flags))
        }

        var unmanaged: [LiveWebhook] = []
        for webhook in live where !matched.contains(webhook.id) {
            if site.prune {
                let lost = known[webhook.id] == nil && lostIdentities.contains(webhook.identity)
                deletes.append(DeleteAction(
                    name: known[webhook.id]?.name, url: webhook.url, events: webhook.events,
                    reasons: [lost ? Reason.lostInFlightUnwanted : Reason.notDeclared(in: site.path)], id: webhook.id))
            } else {
                unmanaged.append(webhook)
            }
        }
        result.unmanaged = unmanaged.map(LiveSummary.init)

        let finalCount = live.count - deletes.count + creates.count
        if finalCount > APILimits.maxWebhooksPerSite {
            result.error = Reason.overCap(declared: site.webhooks.count, unmanaged: unmanaged.count, site: site.site)
            return result
        }
        result.actions = PlanOrdering.order(liveCount: live.count, creates: creates, replaces: replaces, deletes: deletes)
        return result
    }

    /// Among live webhooks with the declared URL, the one to keep: active first, then the same
    /// events, then a known secret, then one whose secret awaits its hand-off to `--on-secret`
    /// (it replaces the other, which goes once the hand-off is done), then the oldest (stable
    /// across runs).
    static func bestMatch(_ candidates: [LiveWebhook], wanted: [String], known: [String: SecretEntry]) -> LiveWebhook? {
        let wantedSet = Set(wanted)
        func score(_ w: LiveWebhook) -> Int {
            (w.active ? 8 : 0) + (Set(w.events) == wantedSet ? 4 : 0) + (known[w.id]?.hasSecret == true ? 2 : 0)
                + (known[w.id]?.awaitsHandOff == true ? 1 : 0)
        }
        return candidates.max { a, b in
            let (sa, sb) = (score(a), score(b))
            if sa != sb { return sa < sb }
            // Older wins: max() keeps the later element on ties, so compare reversed.
            let (ca, cb) = (a.createdAt ?? .distantFuture, b.createdAt ?? .distantFuture)
            if ca != cb { return ca > cb }
            return a.id > b.id
        }
    }
}
