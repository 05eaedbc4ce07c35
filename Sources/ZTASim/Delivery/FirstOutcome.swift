import Foundation

/// Resumes a continuation with the first of several racing outcomes and ignores the rest.
///
/// Used instead of a task group for request timeouts: a group would wait for the losing URLSession
/// task, and on Linux a cancelled URLSession task may never finish.
final class FirstOutcome<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Value, Never>?

    init(_ continuation: CheckedContinuation<Value, Never>) {
        self.continuation = continuation
    }

    func offer(_ value: Value) {
        lock.lock()
        let waiting = continuation
        continuation = nil
        lock.unlock()
        waiting?.resume(returning: value)
    }
}
