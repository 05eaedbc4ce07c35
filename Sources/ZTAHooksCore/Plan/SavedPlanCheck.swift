import Foundation

/// Decides whether a saved plan may still be applied: the site files and every site's live
/// state must be what they were when the plan was made, and the plan must be the one they give.
///
/// The last check is what makes a saved plan safe to carry between jobs: a plan file is plain
/// JSON, and one edited after review (an action added, a delete slipped in) would otherwise be
/// carried out as written, fingerprints and all.
public enum SavedPlanCheck {
    public struct Refusal: Error, Hashable, Sendable {
        public var message: String
        /// True when the world moved on since the plan was made (a refusal: nothing changed);
        /// false when the plan cannot be used at all (another format, a failed site, the API).
        public var isStale: Bool
    }

    /// Pure: the checks themselves.
    public static func check(_ plan: Plan, path: String, checksum: String, live: [String: Planner.LiveState], sites: [SiteFile]) -> Result<Plan, Refusal> {
        guard plan.formatVersion == 1 else {
            return .failure(Refusal(message: "\(path) has plan format \(plan.formatVersion); this ztahooks reads format 1", isStale: false))
        }
        guard let saved = plan.sourceChecksum else {
            return .failure(Refusal(message: "\(path) does not say which site files it was made from (no sourceChecksum); make it with `ztahooks plan --out \(path)`",
                                    isStale: false))
        }
        if saved != checksum {
            return .failure(Refusal(
                message: "the site files changed since \(path) was made; nothing was changed. Run `ztahooks plan --out \(path)` again and review it",
                isStale: true))
        }
        if let failed = plan.sites.first(where: { $0.error != nil }) {
            return .failure(Refusal(message: "\(path) holds a site that could not be planned (\(failed.siteId)); make a new plan", isStale: false))
        }
        let declared = Set(sites.map(\.site))
        var moved: [String] = []
        for site in plan.sites {
            guard declared.contains(site.siteId) else {
                return .failure(Refusal(message: "\(path) plans site \(site.siteId), which no site file declares now; make a new plan", isStale: true))
            }
            switch live[site.siteId] {
            case .success(let webhooks):
                if LiveFingerprint.of(webhooks) != site.fingerprint { moved.append(site.siteId) }
            case .failure(let error):
                return .failure(Refusal(message: error.message, isStale: false))
            case nil:
                moved.append(site.siteId)
            }
        }
        if !moved.isEmpty {
            return .failure(Refusal(
                message: "live webhooks changed since \(path) was made, on site\(moved.count == 1 ? "" : "s") \(moved.sorted().joined(separator: ", ")); "
                    + "nothing was changed. Run `ztahooks plan --out \(path)` again and review it",
                isStale: true))
        }
        return .success(plan)
    }

    /// The saved plan against the plan the same files, live state and secrets give now: every
    /// site's actions must be the same, in the same order. `fresh` is that plan.
    public static func matches(_ plan: Plan, fresh: Plan, path: String) -> Result<Plan, Refusal> {
        // Reasons are words about the actions (they name the site file as the command was given
        // it, which differs from another directory): what must match is what the actions do.
        func doing(_ actions: [PlannedAction]) -> [PlannedAction] {
            actions.map { action in
                var bare = action
                bare.reasons = []
                return bare
            }
        }
        let now = Dictionary(fresh.sites.map { ($0.siteId, doing($0.actions)) }, uniquingKeysWith: { first, _ in first })
        let saved = Dictionary(plan.sites.map { ($0.siteId, doing($0.actions)) }, uniquingKeysWith: { first, _ in first })
        let differing = Set(now.keys).union(saved.keys).filter { (now[$0] ?? []) != (saved[$0] ?? []) }.sorted()
        guard differing.isEmpty else {
            return .failure(Refusal(
                message: "\(path) does not hold the plan its site files and the live webhooks give now (site\(differing.count == 1 ? "" : "s") "
                    + "\(differing.joined(separator: ", "))): it was edited after it was made, or the secrets file changed since; "
                    + "nothing was changed. Run `ztahooks plan --out \(path)` again and review it",
                isStale: true))
        }
        return .success(plan)
    }
}
