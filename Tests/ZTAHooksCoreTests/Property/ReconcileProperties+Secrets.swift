@testable import ZTAHooksCore

extension ReconcileProperties {
    /// Deleting a webhook that was live before the run, whose URL is declared, leaves another live
    /// webhook with that URL (its kept twin, or the replacement created first), unless the site
    /// was full at that moment
    /// and nothing could have made room: no webhook the plan deletes outright was still live and
    /// no webhook the plan adds was live yet. Only then may deliveries pause.
    static func replacesWithoutGap(_ run: ReconcileRun) -> [String] {
        var problems: [String] = []
        for site in run.siteViews {
            let actions = site.plan?.actions ?? []
            let outright = Set(actions.compactMap { if case .delete(let delete) = $0 { delete.id } else { nil } })
            let added = Set(actions.compactMap { if case .create(let create) = $0 { WebhookURL.normalized(create.url) } else { nil } })
            var live = Dictionary(uniqueKeysWithValues: site.before.map { ($0.id, $0.identity) })
            let before = Set(live.keys)
            var identities = live
            var count = site.before.count
            for call in site.changes {
                switch call.kind {
                case .create(let identity, let id?), .lostCreate(let identity, let id):
                    live[id] = identity
                    identities[id] = identity
                case .delete(let id, _):
                    let identity = identities[id]
                    let couldMakeRoom = count < APILimits.maxWebhooksPerSite || live.keys.contains(where: outright.contains)
                        || live.values.contains(where: added.contains)
                    live[id] = nil
                    if let identity, site.declared.contains(identity), before.contains(id), couldMakeRoom, !live.values.contains(identity) {
                        problems.append("\(site.id): deleted \(id) (\(identity)) with \(count) webhooks live and nothing else at its URL")
                    }
                default:
                    break
                }
                count = call.countAfter
            }
        }
        return problems
    }

    /// Planning again against what apply left, with the secrets file it wrote, changes nothing;
    /// the file holds no entry of a gone webhook and no unresolved create, except on a site the
    /// cap kept from being applied.
    static func secondPlanIsEmpty(_ run: ReconcileRun) -> [String] {
        var problems: [String] = []
        for site in run.siteViews {
            let second = run.secondPlan.sites.first { $0.siteId == site.id }
            if (second?.error != nil) != site.mustFail { problems.append("\(site.id): second plan error \(String(describing: second?.error))") }
            if let actions = second?.actions, !actions.isEmpty {
                problems.append("\(site.id): second plan not empty: \(actions.map { "\($0.kind.rawValue) \($0.displayName) \($0.reasons)" })")
            }
            guard !site.mustFail else { continue }
            let liveIDs = Set(site.after.map(\.webhook.id))
            for entry in run.secretsAfter.entries where entry.siteId == site.id && !liveIDs.contains(entry.id) {
                problems.append("\(site.id): the secrets file still has gone \(entry.id)")
            }
            if run.secretsAfter.unresolvedIntents.contains(where: { $0.siteId == site.id }) {
                problems.append("\(site.id): an unresolved create is left in the secrets file")
            }
        }
        return problems
    }

    /// Every webhook this run created is live with its secret in the secrets file, exactly as the
    /// API returned it once, and no URL of a site was created twice; a webhook whose answer was
    /// lost (its secret never seen) is gone again.
    static func keepsEverySecret(_ run: ReconcileRun) -> [String] {
        var problems: [String] = []
        let entries = Dictionary(run.secretsAfter.entries.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for site in run.siteViews {
            var created: [String: Int] = [:]
            for case .create(let identity, let id?) in site.changes.map(\.kind) {
                created[identity, default: 0] += 1
                guard let live = site.after.first(where: { $0.webhook.id == id }) else {
                    problems.append("\(site.id): created \(id) and it is gone")
                    continue
                }
                if entries[id]?.secret != live.secret { problems.append("\(site.id): the secret of \(id) is not in the secrets file") }
            }
            for (identity, times) in created where times > 1 { problems.append("\(site.id): \(identity) created \(times) times") }
            for case .lostCreate(_, let id) in site.changes.map(\.kind) where site.after.contains(where: { $0.webhook.id == id }) {
                problems.append("\(site.id): \(id), whose answer was lost, is still live with a secret nobody has")
            }
        }
        return problems
    }

    /// The default guards refuse exactly when the deletes the rules call for pass
    /// `--max-deletes` 10, or an emptied `prune: true` file would delete live webhooks; and
    /// the plan counts those deletes.
    static func guardsAreExact(_ run: ReconcileRun) -> [String] {
        let sites = run.siteViews
        let deletes = sites.reduce(0) { $0 + $1.expectedDeletes }
        let emptied = sites.contains { $0.file.prune && $0.file.webhooks.isEmpty && !$0.before.isEmpty }
        var problems: [String] = []
        if run.plan.summary.delete != deletes { problems.append("the plan deletes \(run.plan.summary.delete), the rules call for \(deletes)") }
        let refuse = deletes > ApplyGuards.defaultMaxDeletes || emptied
        if run.refusedByDefaultGuards != refuse { problems.append("default guards refused: \(run.refusedByDefaultGuards), expected \(refuse)") }
        return problems
    }
}

extension ReconcileProperties {
    /// After `rotate`, each named webhook is a new one (new id, its secret kept) and every other
    /// declared webhook is the same as before.
    static func rotates(_ targets: [Rotation.Target], _ run: ReconcileRun) -> [String] {
        var problems: [String] = []
        let named = Set(targets.map(\.description))
        for site in run.siteViews {
            for declared in site.file.webhooks {
                let identity = declared.identity
                let before = site.before.filter { $0.identity == identity }.map(\.id)
                let after = site.afterIdentities.filter { $0.identity == identity }.map(\.stored.webhook.id)
                let rotated = named.contains("\(site.id)/\(declared.name)")
                if rotated, !Set(after).isDisjoint(with: before) { problems.append("\(site.id)/\(declared.name): not rotated") }
                if !rotated, after != before { problems.append("\(site.id)/\(declared.name): changed by a rotation of others") }
            }
        }
        return problems
    }
}
