@testable import ZTAHooksCore

/// What the properties need to know of one site of a run, computed from the input alone
/// (once: URL identities are worth computing once per webhook in a debug build).
struct SiteView {
    var file: SiteFile
    var plan: SitePlan?
    var before: [LiveWebhook]
    var after: [ModelWebhookAPI.Stored]
    var changes: [ModelWebhookAPI.Call]
    /// The identities the file declares.
    let declared: Set<String>
    /// Each webhook after apply with its identity.
    let afterIdentities: [(identity: String, stored: ModelWebhookAPI.Stored)]
    /// Live webhooks whose URL no declaration has: deleted with `prune: true`, left alone without.
    let undeclared: [LiveWebhook]

    init(file: SiteFile, plan: SitePlan?, before: [LiveWebhook], after: [ModelWebhookAPI.Stored], changes: [ModelWebhookAPI.Call]) {
        self.file = file
        self.plan = plan
        self.before = before
        self.after = after
        self.changes = changes
        let declared = Set(file.webhooks.map(\.identity))
        self.declared = declared
        afterIdentities = after.map { ($0.webhook.identity, $0) }
        undeclared = before.filter { !declared.contains($0.identity) }
    }

    var id: String { file.site }

    /// The API's cap leaves no way to plan a `prune: false` site whose declared and unmanaged
    /// webhooks add up to more than 10: the plan must say so and change nothing.
    var mustFail: Bool { !file.prune && file.webhooks.count + undeclared.count > APILimits.maxWebhooksPerSite }

    /// The deletes the product's rules call for: every undeclared webhook when pruning, and all
    /// but one of the live webhooks of each declared URL. A replace is not a delete.
    var expectedDeletes: Int {
        guard !mustFail else { return 0 }
        let managed = before.count - undeclared.count
        let urls = Set(before.map(\.identity)).intersection(declared).count
        return managed - urls + (file.prune ? undeclared.count : 0)
    }
}

extension ReconcileRun {
    static func siteViews(input: ReconcileCase, plan: Plan, calls: [ModelWebhookAPI.Call],
                          after: [String: [ModelWebhookAPI.Stored]]) -> [SiteView] {
        input.sites.map { file in
            SiteView(file: file, plan: plan.sites.first { $0.siteId == file.site },
                     before: (input.live[file.site] ?? []).map(\.webhook), after: after[file.site] ?? [],
                     changes: calls.filter { $0.site == file.site && $0.kind != .list })
        }
    }

    /// The seed and enough of the case to start reading a failure.
    var summary: String {
        let sites = siteViews.map { site in
            "\(site.id) prune=\(site.file.prune) declared=\(site.file.webhooks.count) live=\(site.before.count) actions=\(site.plan?.actions.map(\.kind.rawValue) ?? [])"
        }
        return "seed \(input.seed) (rerun with ZTAHOOKS_PROPERTY_SEED=\(input.seed)): \(sites.joined(separator: "; "))"
    }
}

extension ReconcileRun {
    /// The state this run left, as the input of the next command: what `rotate` starts from.
    var next: ReconcileCase {
        var next = input
        next.live = after
        next.secrets = secretsAfter
        return next
    }

    /// Up to three declared webhooks of sites this run reached, chosen by `random`.
    func rotationTargets(_ random: inout PropertyRandom) -> [Rotation.Target] {
        let names = siteViews.filter { !$0.mustFail }.flatMap { site in site.file.webhooks.map { "\(site.id)/\($0.name)" } }
        return Array(names.shuffled(using: &random).prefix(random.int(1...3))).compactMap(Rotation.Target.init)
    }
}
