import Foundation

/// At most one line on standard error for the whole trace export: a collector that is down
/// must not bury the run's own output under a warning per batch.
final class WarningLine: @unchecked Sendable {
    private let lock = NSLock()
    private var said = false
    private let write: @Sendable (String) -> Void

    init(write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.write = write
    }

    /// Writes `warning: the trace was not exported: REASON` unless a line was written already.
    func say(_ reason: String) {
        let first = lock.withLock { () -> Bool in
            defer { said = true }
            return !said
        }
        if first { write("warning: the trace was not exported: \(reason)\n") }
    }
}
