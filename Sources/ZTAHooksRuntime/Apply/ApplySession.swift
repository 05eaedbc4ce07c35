import Foundation
import ZTAHooksCore

/// What an apply holds while it runs: the locked secrets file, the API, and the signal trap
/// that turns a cancelled CI job into a clean stop.
public struct ApplySession {
    public let store: SecretsStore
    public let connection: APIConnection
    public let trap: SignalTrap
    public let reconciler: Reconciler

    /// Opens the session, runs `body`, and ends with an exit status that tells the truth about
    /// the secrets: a stop by signal exits 130/143, and a run after which any secret is not in
    /// the secrets file itself (a failed fold, a damaged journal) never exits 0.
    public static func run(secrets: SecretsSettings, api: APISettings, project: ProjectFile?,
                    _ body: (ApplySession) async -> ExitStatus) async throws {
        let trap = SignalTrap(grace: secrets.stopGrace)
        // A stop before any change exits at once, maybe while the lock is being taken: the lock
        // file must not go on naming this run. Only this process's own name is cleared.
        if let lockFile = try? SecretsPaths(file: secrets.path(sandbox: api.sandbox)).lock {
            trap.onStopBeforeChanges { LockHolder.clear(lockFile, ifHeldBy: getpid()) }
        }
        trap.install()
        let session = try await open(secrets: secrets, api: api, project: project, trap: trap)
        var status = await body(session)
        guard trap.beginFinishing() else {
            // A forced end (second signal, or the grace ran out) is folding and will exit.
            while true { try? await Task.sleep(for: .seconds(60)) }
        }
        let custody = await session.close()
        if let reason = trap.stop.reason, let signal = trap.stopSignal {
            StandardError.write("Stopped by \(reason): the changes in flight finished; the rest were not started. "
                + "Re-run apply to finish.\n")
            status = .stopped(by: signal)
        } else if !custody && status == .success {
            status = .failure
        }
        try status.exit()
    }

    /// Takes the secrets file's lock first, so that two applies never interleave, and checks that
    /// the file belongs to this API; only then opens the API.
    private static func open(secrets: SecretsSettings, api: APISettings, project: ProjectFile?, trap: SignalTrap) async throws -> ApplySession {
        let store = try await secrets.openStore(for: api, sealing: true, retiredKeep: project.retiredKeepDuration)
        trap.onStopBeforeChanges { LockHolder.clear(store.paths.lock, ifHeldBy: getpid()) }
        do {
            let connection = try await api.connect()
            return ApplySession(store: store, connection: connection, trap: trap,
                                reconciler: Reconciler(api: connection.api, limiter: connection.limiter))
        } catch {
            try? await store.close()
            throw error
        }
    }

    /// Folds the journal into the secrets file and releases the lock. Returns false, having
    /// said where the secrets are, when any secret is not in the secrets file itself.
    public func close() async -> Bool {
        await connection.close()
        return await store.closeTellingCustody()
    }

    /// Asks before changing anything. Returns `nil` when approved, else the exit status: refused
    /// and nothing changed, when there is no terminal to ask on (and no `--auto-approve`) or the
    /// answer is not yes.
    public static func approval(_ question: String, command: String, autoApprove: Bool, terminal: Terminal,
                         output: HumanOutput = .standardOutput) -> ExitStatus? {
        if autoApprove { return nil }
        guard terminal.stdinIsTTY else {
            StandardError.write("refused: standard input is not a terminal, so \(command) cannot ask; re-run with --auto-approve. Nothing was changed.\n")
            return .refused
        }
        output.write("\n\(question) [y/N] ")
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
        guard answer == "y" || answer == "yes" else {
            output.write("Not done. Nothing was changed.\n")
            return .refused
        }
        return nil
    }

    /// Carries the plan out with a line per action, then prints the summary and every failure.
    /// A signal from here on stops the run gracefully. Returns the report and the id each create
    /// and replace got.
    public func execute(_ plan: Plan, live: LiveView, sinks: SecretSinks = .none, terminal: Terminal,
                 output: HumanOutput = .standardOutput) async -> (report: ApplyReport, newIDs: [String: String]) {
        let printer = ApplyPrinter(terminal: terminal, totalActions: plan.summary.changes, output: output)
        let store = self.store
        let connection = self.connection
        trap.beginApplying { signal, why in
            StandardError.write("\nStopping now (\(why)): saving every secret recorded so far.\n")
            // A sink cut short leaves its entry pending: the next apply hands the secret off again.
            SinkProcess.killAll()
            await connection.close()
            let status = ExitStatus.stopped(by: signal).rawValue
            let progress = await printer.progress
            if await store.closeTellingCustody() {
                StandardError.write("Every secret recorded so far is in \(store.paths.file). A change whose answer had not come "
                    + "back is settled by the next run (its intent is recorded). \(progress). Re-run apply to finish.\n")
            }
            exit(status)
        }
        let report = await reconciler.execute(plan, live: live, secrets: store, observer: printer, stop: trap.stop, sinks: sinks)
        output.write("\n" + ApplySummary.render(report, secretsPath: store.path, handedOff: sinks.onSecret != nil) + "\n")
        for failure in report.failures {
            StandardError.write("error: site \(failure.siteId.displaySafe): \(failure.action.kind.rawValue) \(failure.action.displayName.displaySafe): \(failure.message.displaySafe)\n")
        }
        for failure in report.sinkFailures {
            StandardError.write("error: site \(failure.siteId.displaySafe): \(failure.message.displaySafe)\n")
        }
        if let halted = report.halted { StandardError.write("error: apply stopped: \(halted.displaySafe)\n") }
        return (report, await printer.newIDs)
    }
}
