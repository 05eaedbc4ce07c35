import Foundation
import ZTAHooksCore

/// SIGINT and SIGTERM during `apply` and `rotate`: what CI sends when a job is cancelled or
/// times out (GitHub Actions: SIGINT, SIGTERM 7.5 s later, SIGKILL 2.5 s after that).
///
/// - Before any change (listing, the approval prompt): exit at once; nothing was changed.
/// - While applying, the first signal asks every site to start no new action; requests in flight
///   finish (their secrets are recorded), then the run folds the journal and exits 130 or 143.
/// - A second signal, or the grace period running out, stops waiting: what was recorded is
///   folded into the secrets file at once (a request still in flight keeps its durable intent,
///   so the next plan deals with whatever it did), then the run exits.
/// - A third signal exits on the spot; every acknowledged record is still safe in the journal.
public final class SignalTrap: @unchecked Sendable {
    enum Phase {
        case preparing
        case applying
        /// The normal end: folding, then printing the summary.
        case finishing
        /// A forced end is folding; the main flow must not fold or exit alongside it.
        case forcing
    }

    /// Stops the applier; shared with it.
    public let stop = StopRequest()
    /// How long requests in flight get after the first signal.
    public let grace: Duration

    private let lock = NSLock()
    private var phase = Phase.preparing
    private var signals = 0
    private var firstSignal: Int32 = 0
    private var sources: [any DispatchSourceSignal] = []
    /// Folds and reports; set by the session once the secrets file is open.
    private var forcedFinish: (@Sendable (_ signal: Int32, _ why: String) async -> Never)?
    /// Run before a stop while preparing exits: the lock file stops naming this run.
    private var release: (@Sendable () -> Void)?

    public init(grace: Duration) {
        self.grace = grace
    }

    /// Starts catching SIGINT and SIGTERM instead of dying of them.
    public func install() {
        for signo in [SIGINT, SIGTERM] {
            signal(signo, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signo, queue: .global())
            source.setEventHandler { [weak self] in self?.received(signo) }
            source.resume()
            sources.append(source)
        }
    }

    /// What to undo if a signal ends the run before any change: the secrets file's lock is taken
    /// before the listing, and must not go on naming a run that is gone.
    public func onStopBeforeChanges(_ release: @escaping @Sendable () -> Void) {
        lock.withLock { self.release = release }
    }

    /// Whether a stop was asked before the changes began: then the run must not start them.
    public var stopSignal: Int32? { lock.withLock { signals > 0 ? firstSignal : nil } }

    /// Changes start now; from here a signal stops the run gracefully via `finish`.
    public func beginApplying(finish: @escaping @Sendable (_ signal: Int32, _ why: String) async -> Never) {
        lock.withLock {
            forcedFinish = finish
            if phase == .preparing { phase = .applying }
        }
    }

    /// The main flow is done applying and will fold. Returns false when a forced end already
    /// runs: the caller then waits for it, which exits the process.
    public func beginFinishing() -> Bool {
        lock.withLock {
            guard phase != .forcing else { return false }
            phase = .finishing
            return true
        }
    }

    private func received(_ signo: Int32) {
        let (phase, count, first) = lock.withLock { () -> (Phase, Int, Int32) in
            signals += 1
            if signals == 1 { firstSignal = signo }
            return (self.phase, signals, firstSignal)
        }
        let name = Self.name(signo)
        let status = ExitStatus.stopped(by: first).rawValue
        switch phase {
        case .preparing:
            lock.withLock { release }?()
            StandardError.write("\nStopped by \(name) before any change; nothing was changed.\n")
            exit(status)
        case .applying where count == 1:
            stop.request(name)
            StandardError.write("\n\(name): starting no new change; waiting up to \(Self.seconds(grace)) for requests in flight, "
                + "then saving every secret. Send it again to stop waiting.\n")
            Task {
                try? await Task.sleep(for: grace)
                self.force(first, why: "requests still in flight after \(Self.seconds(self.grace))")
            }
        case .applying, .finishing:
            if count == 2 {
                force(first, why: "a second signal (\(name))")
            } else {
                Self.exitNow(status)
            }
        case .forcing:
            Self.exitNow(status)
        }
    }

    /// Folds what was recorded and exits, unless the main flow is already finishing.
    private func force(_ first: Int32, why: String) {
        let finish: (@Sendable (Int32, String) async -> Never)? = lock.withLock {
            guard phase == .applying, let forcedFinish else { return nil }
            phase = .forcing
            return forcedFinish
        }
        guard let finish else { return }
        Task { await finish(first, why) }
    }

    private static func exitNow(_ status: Int32) -> Never {
        StandardError.write("\nExiting at once: every secret recorded so far is in the secrets file's journal, "
            + "which the next run folds in; save the .journal file beside the secrets file too.\n")
        _exit(status)
    }

    public static func name(_ signo: Int32) -> String {
        signo == SIGINT ? "SIGINT" : signo == SIGTERM ? "SIGTERM" : "signal \(signo)"
    }

    private static func seconds(_ duration: Duration) -> String {
        "\(duration.components.seconds) s"
    }
}
