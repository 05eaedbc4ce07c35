import Foundation

/// One listed site, compared webhook by webhook. Matching follows the planner's rules: a
/// declared webhook matches the live ones at its URL, and `Planner.bestMatch` picks the one
/// apply would keep.
struct DriftSiteAnalysis {
    let site: SiteFile
    let live: [LiveWebhook]
    let now: Date
    let staleAfter: Int?
    /// This site's secrets entries by webhook id.
    let known: [String: SecretEntry]
    let entries: [SecretEntry]
    /// URLs (normalised) at which a create started and never finished.
    let lostIdentities: Set<String>
    let liveIds: Set<String>
    /// What apply would do for this site, named in the remedies.
    let plan: SitePlan

    private(set) var findings: [DriftFinding] = []
    private(set) var adopted: [AdoptedWebhook] = []
    private(set) var managed = 0

    init(site: SiteFile, live: [LiveWebhook], secrets: SecretsSnapshot, plan: SitePlan, now: Date, staleAfter: Int?) {
        self.site = site
        self.plan = plan
        self.live = live
        self.now = now
        self.staleAfter = staleAfter
        let liveIds = Set(live.map(\.id))
        // A retired entry of a webhook listed again is known again, as the planner sees it.
        let restored = secrets.retired.filter { $0.entry.siteId == site.site && liveIds.contains($0.entry.id) }.map(\.entry)
        entries = secrets.entries.filter { $0.siteId == site.site } + restored
        known = Dictionary(entries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        lostIdentities = Set(secrets.unresolvedIntents.filter { $0.siteId == site.site }.map(\.identity))
        self.liveIds = liveIds
    }

    var words: DriftDetail { DriftDetail(site: site, plan: plan) }

    mutating func run() -> SiteDrift {
        let liveByIdentity = Dictionary(grouping: live, by: \.identity)
        var matched = Set<String>()
        for declared in site.webhooks {
            let candidates = liveByIdentity[declared.identity] ?? []
            guard let kept = Planner.bestMatch(candidates, wanted: declared.events.rawValues, known: known) else {
                notLive(declared)
                continue
            }
            managed += 1
            matched.insert(kept.id)
            declaredAndLive(declared, kept)
            for extra in candidates where extra.id != kept.id {
                matched.insert(extra.id)
                duplicate(extra, of: kept, declared: declared)
            }
        }
        var unmanaged: [LiveSummary] = []
        for webhook in live where !matched.contains(webhook.id) {
            if site.prune {
                undeclared(webhook)
            } else {
                unmanaged.append(LiveSummary(webhook))
            }
        }
        return SiteDrift(siteId: site.site, file: site.path, prune: site.prune, findings: findings, unmanaged: unmanaged,
                         adopted: adopted, live: live.count, managed: managed)
    }

    /// Entries that once stood for this declared webhook (same name or URL) and are no longer live.
    private func recordedGone(_ declared: DeclaredWebhook) -> [SecretEntry] {
        entries.filter { entry in
            !liveIds.contains(entry.id) && (entry.name == declared.name || WebhookURL.normalized(entry.url) == declared.identity)
        }
    }

    private mutating func notLive(_ declared: DeclaredWebhook) {
        let wanted = declared.events.rawValues
        if let record = recordedGone(declared).first {
            findings.append(DriftFinding(
                kind: .deleted, name: declared.name, id: record.id, url: record.url,
                events: record.events.isEmpty ? wanted : record.events,
                detail: words.deleted(record), remedy: words.applyRemedy(name: declared.name, id: nil)))
        } else {
            findings.append(DriftFinding(
                kind: .create, name: declared.name, id: nil, url: declared.url, events: wanted,
                detail: words.notLive, remedy: words.applyRemedy(name: declared.name, id: nil)))
        }
    }

    private mutating func declaredAndLive(_ declared: DeclaredWebhook, _ kept: LiveWebhook) {
        let wanted = declared.events.rawValues
        let finding = { (kind: DriftFinding.Kind, detail: String, remedy: String) in
            DriftFinding(kind: kind, name: declared.name, id: kept.id, url: kept.url, events: kept.events, detail: detail, remedy: remedy)
        }
        let entry = known[kept.id]
        if let entry {
            if entry.adopted == true {
                adopted.append(AdoptedWebhook(name: declared.name, id: kept.id, url: kept.url, events: kept.events))
            }
            if entry.awaitsHandOff {
                findings.append(finding(.notHandedOff, DriftDetail.notHandedOff, DriftDetail.handOffRemedy))
            }
            // Ids never change events in this API, so different events mean git moved on.
            if Set(kept.events) != Set(wanted) {
                findings.append(finding(.replace, Reason.eventsChanged(from: kept.events, to: wanted),
                                        words.applyRemedy(name: declared.name, id: kept.id)))
            }
        } else if lostIdentities.contains(kept.identity) {
            findings.append(finding(.secretLost, DriftDetail.secretLost, words.applyRemedy(name: declared.name, id: kept.id)))
        } else if let previous = recordedGone(declared).first {
            findings.append(finding(.replaced, words.replaced(previous: previous), words.rotate(declared.name)))
        } else {
            findings.append(finding(.unrecorded, DriftDetail.unrecorded, words.importOrRotate(declared.name)))
        }
        if !kept.active {
            findings.append(finding(.disabled, DriftDetail.disabled, words.fixReceiver(name: declared.name, id: kept.id)))
        } else if let health = staleness(kept) {
            findings.append(finding(health.kind, health.detail, DriftDetail.checkTraffic))
        }
    }

    /// A second live webhook at a declared URL.
    private mutating func duplicate(_ extra: LiveWebhook, of kept: LiveWebhook, declared: DeclaredWebhook) {
        let remedy = words.applyRemedy(name: nil, id: extra.id)
        let (kind, detail): (DriftFinding.Kind, String) =
            if known[extra.id] != nil {
                (.delete, DriftDetail.recordedDuplicate(of: declared.name, kept: kept.id))
            } else if lostIdentities.contains(extra.identity) {
                (.secretLost, DriftDetail.secretLost)
            } else {
                (.added, DriftDetail.strangerDuplicate(of: declared.name, kept: kept.id))
            }
        findings.append(DriftFinding(kind: kind, name: known[extra.id]?.name, id: extra.id, url: extra.url, events: extra.events,
                                     detail: detail, remedy: remedy))
    }

    /// A live webhook on a pruned site that no declared webhook matches.
    private mutating func undeclared(_ webhook: LiveWebhook) {
        let remedy = words.applyRemedy(name: nil, id: webhook.id)
        let (kind, detail): (DriftFinding.Kind, String) =
            if let entry = known[webhook.id] {
                (.delete, words.noLongerDeclared(entry))
            } else if lostIdentities.contains(webhook.identity) {
                (.secretLost, DriftDetail.secretLost)
            } else {
                (.added, words.stranger)
            }
        findings.append(DriftFinding(kind: kind, name: known[webhook.id]?.name, id: webhook.id, url: webhook.url,
                                     events: webhook.events, detail: detail, remedy: kind == .added ? words.strangerRemedy(remedy) : remedy))
    }

    /// `stale` or `never-triggered` when `--stale-after` is set and the webhook has been quiet too long.
    private func staleness(_ webhook: LiveWebhook) -> (kind: DriftFinding.Kind, detail: String)? {
        guard let staleAfter else { return nil }
        let limit = now.addingTimeInterval(-TimeInterval(staleAfter))
        if let last = webhook.lastTriggered {
            guard last < limit else { return nil }
            return (.stale, DriftDetail.stale(last: last, now: now, staleAfter: staleAfter))
        }
        guard let created = webhook.createdAt, created < limit else { return nil }
        return (.neverTriggered, DriftDetail.neverTriggered(created: created, now: now, staleAfter: staleAfter))
    }
}
