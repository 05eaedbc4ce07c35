/// Turns "mint new secrets for these webhooks" into a plan of replaces.
public enum Rotation {
    /// A `SITE/NAME` argument. NAME must be a valid webhook name and SITE must not start with a
    /// dot, so that paths such as `sites/shop.yaml`, `sites/` or `./sites` never read as one.
    public struct Target: Hashable, Sendable {
        public var site: String
        public var name: String

        public init?(_ argument: String) {
            let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[0].hasPrefix("."),
                  SiteFormat.isValidWebhookName(String(parts[1])) else { return nil }
            site = String(parts[0])
            name = String(parts[1])
        }

        public var description: String { "\(site)/\(name)" }
    }

    public static let reason = "rotation requested: a new webhook with a new secret replaces the old one"

    /// A plan that replaces exactly the targets, computed from a full plan of their sites.
    /// Other pending changes of those sites are left for `apply`; a target that is not live
    /// yet, or whose site could not be planned, is an error.
    public static func plan(targets: [Target], sites files: [SiteFile], from full: Plan, live: [String: Planner.LiveState]) -> Result<Plan, RotationError> {
        var sites: [SitePlan] = []
        for (siteId, siteTargets) in Dictionary(grouping: targets, by: \.site).sorted(by: { $0.key < $1.key }) {
            guard let site = full.sites.first(where: { $0.siteId == siteId }) else {
                return .failure(RotationError(message: "no site file declares site \(siteId)"))
            }
            if let error = site.error { return .failure(RotationError(message: error)) }
            var replaces: [ReplaceAction] = []
            for target in siteTargets {
                if let pending = site.pendingReplace(named: target.name) {
                    var action = pending
                    action.reasons.append(reason)
                    replaces.append(action)
                } else if let kept = site.unchanged.first(where: { $0.name == target.name }),
                          let declared = files.first(where: { $0.site == siteId })?.webhooks.first(where: { $0.name == target.name }) {
                    replaces.append(ReplaceAction(
                        name: kept.name, url: declared.url, events: declared.events,
                        reasons: [reason], id: kept.id, currentEvents: kept.events, description: declared.description))
                } else if site.actions.contains(where: { $0.name == target.name && $0.kind == .create }) {
                    return .failure(RotationError(message: "\(target.description) is not live yet: `ztahooks apply` creates it with a new secret"))
                } else {
                    return .failure(RotationError(message: "\(target.description) is not declared in \(site.file)"))
                }
            }
            let liveCount = (try? live[siteId]?.get())?.count ?? 0
            var rotated = site
            rotated.actions = PlanOrdering.order(liveCount: liveCount, creates: [], replaces: replaces, deletes: [])
            rotated.unchanged = site.unchanged.filter { kept in !siteTargets.contains { $0.name == kept.name } }
            rotated.unmanaged = []
            rotated.notes = []
            sites.append(rotated)
        }
        return .success(Plan(sites: sites, sourceChecksum: full.sourceChecksum))
    }
}

extension SitePlan {
    /// The replace this plan already holds for the webhook `name`, if any.
    func pendingReplace(named name: String) -> ReplaceAction? {
        for case .replace(let replace) in actions where replace.name == name {
            return replace
        }
        return nil
    }
}

public struct RotationError: Error, Hashable, Sendable {
    public var message: String
}
