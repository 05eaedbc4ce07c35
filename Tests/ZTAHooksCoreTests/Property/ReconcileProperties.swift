@testable import ZTAHooksCore

/// The properties of plan and apply, each a function from a run to the ways it was broken
/// (empty when it holds). Each one is stated from the input and the model's record, never
/// from the plan's own bookkeeping, so that a wrong plan cannot vouch for itself.
enum ReconcileProperties {
    typealias Property = (name: String, check: @Sendable (ReconcileRun) -> [String])

    static let all: [Property] = [
        ("1 reaches the site files", reachesSiteFiles),
        ("2 never more than 10 on a site", staysUnderCap),
        ("3 never deletes an unmanaged webhook", keepsUnmanaged),
        ("4 never deletes before the replacement exists when there is room", replacesWithoutGap),
        ("5 a second plan is empty", secondPlanIsEmpty),
        ("6 every new secret is kept, nothing created twice", keepsEverySecret),
        ("guards refuse exactly what they say", guardsAreExact),
    ]

    /// Every declared webhook is live once, with its events, active, and (when this run created
    /// it) its description; unmanaged webhooks of a `prune: false` site are still there and
    /// nothing else is. A site the cap makes impossible fails in the plan and is left as it was.
    static func reachesSiteFiles(_ run: ReconcileRun) -> [String] {
        var problems: [String] = []
        if let report = run.report, !report.isSuccess {
            problems.append("apply did not succeed: \(report.failures.map(\.message)) \(report.sinkFailures.map(\.message))")
        }
        for site in run.siteViews {
            if site.mustFail {
                // A rotation plans only the sites it names: another site has no plan at all.
                if let plan = site.plan, plan.error == nil { problems.append("\(site.id): over the cap but planned without an error") }
                if site.after.map(\.webhook) != site.before { problems.append("\(site.id): over the cap but changed") }
                continue
            }
            if let error = site.plan?.error { problems.append("\(site.id): unexpected plan error: \(error)") }
            let beforeIDs = Set(site.before.map(\.id))
            for declared in site.file.webhooks {
                let identity = declared.identity
                let matches = site.afterIdentities.filter { $0.identity == identity }.map(\.stored)
                guard matches.count == 1, let live = matches.first else {
                    problems.append("\(site.id)/\(declared.name): \(matches.count) live webhooks with its URL")
                    continue
                }
                if Set(live.webhook.events) != Set(declared.events.rawValues) {
                    problems.append("\(site.id)/\(declared.name): events \(live.webhook.events), declared \(declared.events.rawValues)")
                }
                if !live.webhook.active { problems.append("\(site.id)/\(declared.name): left disabled") }
                if !beforeIDs.contains(live.webhook.id), live.description != declared.description {
                    problems.append("\(site.id)/\(declared.name): created with description \(String(describing: live.description))")
                }
                // The API can neither show nor update a description: a kept webhook whose
                // recorded one differs is not re-created, but the plan must say so.
                if !run.rotated, beforeIDs.contains(live.webhook.id), let entry = run.input.secrets.entry(id: live.webhook.id), entry.adopted != true,
                   entry.webhookDescription != declared.description,
                   site.plan?.notes.contains(Reason.descriptionChanged(site: site.id, name: declared.name)) != true {
                    problems.append("\(site.id)/\(declared.name): description differs from the recorded one and the plan has no note")
                }
            }
            let others = Set(site.afterIdentities.filter { !site.declared.contains($0.identity) }.map(\.stored.webhook.id))
            let expected = site.file.prune ? [] : Set(site.undeclared.map(\.id))
            if others != expected { problems.append("\(site.id): undeclared webhooks \(others.sorted()), expected \(expected.sorted())") }
        }
        return problems
    }

    /// No create is ever refused for the cap, no step leaves more than 10, and the plan's own
    /// peak agrees.
    static func staysUnderCap(_ run: ReconcileRun) -> [String] {
        var problems: [String] = []
        for call in run.calls {
            if call.countAfter > APILimits.maxWebhooksPerSite { problems.append("\(call.site): \(call.countAfter) webhooks after \(call.kind)") }
            if case .create(_, nil) = call.kind { problems.append("\(call.site): a create was refused (409, site full)") }
        }
        for site in run.siteViews {
            guard let actions = site.plan?.actions else { continue }
            let peak = PlanOrdering.peak(liveCount: site.before.count, actions: actions)
            if peak > APILimits.maxWebhooksPerSite { problems.append("\(site.id): the plan peaks at \(peak)") }
        }
        return problems
    }

    /// With `prune: false`, a live webhook whose URL nothing declares is never deleted.
    static func keepsUnmanaged(_ run: ReconcileRun) -> [String] {
        run.siteViews.filter { !$0.file.prune }.flatMap { site in
            let unmanaged = Set(site.undeclared.map(\.id))
            return site.changes.compactMap { call -> String? in
                if case .delete(let id, _) = call.kind, unmanaged.contains(id) { return "\(site.id): deleted unmanaged \(id)" }
                return nil
            }
        }
    }
}
