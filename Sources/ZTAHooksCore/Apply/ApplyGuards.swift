/// Safety guards checked before apply changes anything. A tripped guard refuses the whole
/// run (exit 3) and names the flag that overrides it.
public struct ApplyGuards: Hashable, Sendable {
    /// Most `delete` actions one run may carry out. Replaces do not count: they re-create.
    public var maxDeletes: Int
    /// Lets a site file that declares no webhooks delete every live one.
    public var allowEmpty: Bool

    /// One site's worth: enough for routine clean-ups, small enough to stop a broken tree.
    public static let defaultMaxDeletes = 10

    public init(maxDeletes: Int = ApplyGuards.defaultMaxDeletes, allowEmpty: Bool = false) {
        self.maxDeletes = maxDeletes
        self.allowEmpty = allowEmpty
    }

    /// Why the plan may not run, one line each; empty when it may.
    public func violations(of plan: Plan, sites: [SiteFile]) -> [String] {
        var problems: [String] = []
        let deletes = plan.summary.delete
        if deletes > maxDeletes {
            problems.append(
                "the plan deletes \(deletes) webhooks, more than --max-deletes \(maxDeletes) allows; "
                    + "check the plan, then re-run with --max-deletes \(deletes) if it is right")
        }
        if !allowEmpty {
            let empty = Set(sites.filter { $0.webhooks.isEmpty && $0.prune }.map(\.site))
            for site in plan.sites where empty.contains(site.siteId) && site.actions.contains(where: { $0.kind == .delete }) {
                let count = site.actions.count { $0.kind == .delete }
                problems.append(
                    "\(site.file) declares no webhooks, so apply would delete all \(count) live webhook\(count == 1 ? "" : "s") of site \(site.siteId); "
                        + "an emptied file is more often a mistake than an intent: re-run with --allow-empty if it is meant")
            }
        }
        return problems
    }
}
