import Foundation

/// Every exit status ztahooks gives, from PRODUCT.md; commands return these, never literals.
public enum ExitStatus: Int32, Sendable {
    /// Success; for `plan --detailed-exitcode` and `drift`: nothing to change.
    case success = 0
    /// Invalid files, an API or network failure, an action that failed, secrets not all in the file.
    case failure = 1
    /// `plan --detailed-exitcode`: changes pending; `drift`: drift found.
    case changes = 2
    /// Refused, nothing changed: a guard, a stale saved plan, no approval, a held lock.
    case refused = 3
    /// Bad command-line usage.
    case usage = 64
    /// `apply` or `rotate` stopped by SIGINT after finishing the requests in flight.
    case interrupted = 130
    /// `apply` or `rotate` stopped by SIGTERM after finishing the requests in flight.
    case terminated = 143

    /// The status for a stop asked by this signal.
    public static func stopped(by signal: Int32) -> ExitStatus {
        signal == SIGINT ? .interrupted : .terminated
    }

    /// Ends the command with this status (returns normally for success).
    public func exit() throws(CommandExit) {
        if self != .success { throw CommandExit(self) }
    }
}

/// The end of a command that has already said why on standard error: the executable exits with
/// `status` and prints nothing more.
public struct CommandExit: Error, Sendable {
    public var status: ExitStatus

    public init(_ status: ExitStatus) {
        self.status = status
    }
}

/// Bad usage found only while running (a `--site` no file declares, a variable that contradicts a
/// flag): the executable reports it as it reports a bad flag, with exit 64.
public struct UsageError: Error, Sendable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }
}
