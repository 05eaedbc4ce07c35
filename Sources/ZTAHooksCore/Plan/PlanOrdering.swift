/// Orders a site's actions so that it never holds more than 10 webhooks at any step.
///
/// Deletes go first (they only free room). Replaces come next, each creating its new webhook
/// before deleting the old one while there is a free slot, so deliveries never stop; only a
/// site at its cap deletes first. Creates come last: they take room for good, and a replace
/// only borrows one slot for a moment.
public enum PlanOrdering {
    public static func order(liveCount: Int, creates: [CreateAction], replaces: [ReplaceAction], deletes: [DeleteAction]) -> [PlannedAction] {
        let count = liveCount - deletes.count
        var ordered = deletes.map(PlannedAction.delete)
        for var replace in replaces {
            replace.order = count < APILimits.maxWebhooksPerSite ? .createThenDelete : .deleteThenCreate
            ordered.append(.replace(replace))
        }
        ordered += creates.map(PlannedAction.create)
        return ordered
    }

    /// The most webhooks the site holds at any step of `actions`, starting from `liveCount`.
    /// Tests and apply use it to check the guarantee.
    public static func peak(liveCount: Int, actions: [PlannedAction]) -> Int {
        var count = liveCount
        var peak = count
        for action in actions {
            switch action {
            case .create:
                count += 1
            case .delete:
                count -= 1
            case .replace(let replace):
                if replace.order == .createThenDelete {
                    peak = max(peak, count + 1)
                }
            }
            peak = max(peak, count)
        }
        return peak
    }
}
