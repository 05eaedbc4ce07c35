import Foundation

/// Asks a running apply to stop: no new action starts, the ones in flight finish.
///
/// Set from a signal handler (any thread, no `await`), read by every site before each action,
/// hence a lock rather than an actor.
public final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var why: String?

    public init() {}

    /// Records the first reason (e.g. "SIGTERM"); returns false when a stop was already asked.
    @discardableResult
    public func request(_ reason: String) -> Bool {
        lock.withLock {
            guard why == nil else { return false }
            why = reason
            return true
        }
    }

    /// Why a stop was asked, or `nil` while none was.
    public var reason: String? { lock.withLock { why } }
}
