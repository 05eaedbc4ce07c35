/// What apply reports as it goes, for progress lines. Never carries a secret.
public enum ApplyEvent: Sendable {
    case siteStarted(siteId: String, actions: Int)
    /// `newId` is the created webhook for create and replace.
    case actionSucceeded(siteId: String, action: PlannedAction, newId: String?)
    case actionFailed(siteId: String, action: PlannedAction, message: String)
    /// A lost create answer was cleared up: the orphan deleted (or none found) and the create retried.
    case recovered(siteId: String, name: String, message: String)
    /// Something done as asked but not as expected, e.g. a create answered with another URL.
    case warning(siteId: String, name: String, message: String)
    case siteFinished(siteId: String, succeeded: Int, failed: Int, skipped: Int)
}

/// Receives apply's events; called concurrently from the sites being applied.
public protocol ApplyObserver: Sendable {
    func handle(_ event: ApplyEvent) async
}

/// Ignores everything.
public struct SilentApplyObserver: ApplyObserver {
    public init() {}
    public func handle(_ event: ApplyEvent) async {}
}
