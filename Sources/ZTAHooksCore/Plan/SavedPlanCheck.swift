import Foundation

/// Decides whether a saved plan may still be applied: the site files and every site's live
/// state must be what they were when the plan was made.
public enum SavedPlanCheck {
    public struct Refusal: Error, Hashable, Sendable {
        public var message: String
        /// 3 when the world moved on (refused, nothing changed), 1 when the plan cannot be read or the API failed.
        public var exitCode: Int32
    }

    /// Pure: the checks themselves.
    public static func check(_ plan: Plan, path: String, checksum: String, live: [String: Planner.LiveState], sites: [SiteFile]) -> Result<Plan, Refusal> {
        guard plan.formatVersion == 1 else {
            return .failure(Refusal(message: "\(path) has plan format \(plan.formatVersion); this ztahooks reads format 1", exitCode: 1))
        }
        if let saved = plan.sourceChecksum, saved != checksum {
            return .failure(Refusal(
                message: "the site files changed since \(path) was made; nothing was changed. Run `ztahooks plan --out \(path)` again and review it",
                exitCode: 3))
        }
        if let failed = plan.sites.first(where: { $0.error != nil }) {
            return .failure(Refusal(message: "\(path) holds a site that could not be planned (\(failed.siteId)); make a new plan", exitCode: 1))
        }
        let declared = Set(sites.map(\.site))
        var moved: [String] = []
        for site in plan.sites {
            guard declared.contains(site.siteId) else {
                return .failure(Refusal(message: "\(path) plans site \(site.siteId), which no site file declares now; make a new plan", exitCode: 3))
            }
            switch live[site.siteId] {
            case .success(let webhooks):
                if LiveFingerprint.of(webhooks) != site.fingerprint { moved.append(site.siteId) }
            case .failure(let error):
                return .failure(Refusal(message: error.message, exitCode: 1))
            case nil:
                moved.append(site.siteId)
            }
        }
        if !moved.isEmpty {
            return .failure(Refusal(
                message: "live webhooks changed since \(path) was made, on site\(moved.count == 1 ? "" : "s") \(moved.sorted().joined(separator: ", ")); "
                    + "nothing was changed. Run `ztahooks plan --out \(path)` again and review it",
                exitCode: 3))
        }
        return .success(plan)
    }
}
