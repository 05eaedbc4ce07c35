import Foundation

/// Decides whether a saved plan may still be applied: the site files and every site's live
/// state must be what they were when the plan was made.
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
        if let saved = plan.sourceChecksum, saved != checksum {
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
}
