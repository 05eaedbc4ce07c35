import ArgumentParser
import Foundation
import ZTAHooksCore

/// What an apply holds while it runs: the locked secrets file and the API.
struct ApplySession {
    let store: SecretsStore
    let connection: APIConnection

    /// Takes the secrets file's lock first, so that two applies never interleave, then opens the API.
    static func open(secretsPath: String, api: APIOptions) async throws -> ApplySession {
        let store: SecretsStore
        do {
            store = try SecretsStore.open(path: secretsPath)
        } catch {
            StandardError.write("error: \(error.message)\n")
            throw ExitCode(1)
        }
        if let warning = gitIgnoreWarning(for: secretsPath) {
            StandardError.write("warning: \(warning)\n")
        }
        if let recovered = store.recovery.summary {
            StandardError.write("note: \(recovered)\n")
        }
        do {
            return ApplySession(store: store, connection: try await api.connect())
        } catch {
            try? await store.close()
            throw error
        }
    }

    /// Folds the journal into the secrets file and releases the lock.
    func close() async {
        await connection.close()
        do {
            try await store.close()
        } catch {
            StandardError.write("error: \(error.message)\n")
        }
    }

    /// Asks before changing anything. Returns `nil` when approved, else the exit code: 3, refused
    /// and nothing changed, when there is no terminal to ask on (and no `--auto-approve`) or the
    /// answer is not yes.
    static func approval(_ question: String, command: String, autoApprove: Bool, terminal: Terminal) -> Int32? {
        if autoApprove { return nil }
        guard terminal.stdinIsTTY else {
            StandardError.write("refused: standard input is not a terminal, so \(command) cannot ask; re-run with --auto-approve. Nothing was changed.\n")
            return 3
        }
        StandardOutput.write("\n\(question) [y/N] ")
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
        guard answer == "y" || answer == "yes" else {
            StandardOutput.write("Not done. Nothing was changed.\n")
            return 3
        }
        return nil
    }

    /// Carries the plan out with a line per action, then prints the summary and every failure.
    func execute(_ plan: Plan, live: [String: Planner.LiveState], terminal: Terminal, concurrency: Int) async -> ApplyReport {
        let printer = ApplyPrinter(terminal: terminal, totalActions: plan.summary.changes)
        let applier = Applier(api: connection.api, secrets: store, observer: printer, concurrency: concurrency)
        let report = await applier.apply(plan, live: live.compactMapValues { try? $0.get() })
        StandardOutput.write("\n" + ApplySummary.render(report, secretsPath: store.path) + "\n")
        for failure in report.failures {
            StandardError.write("error: site \(failure.siteId.displaySafe): \(failure.action.action.rawValue) \(failure.action.displayName.displaySafe): \(failure.message.displaySafe)\n")
        }
        if let halted = report.halted { StandardError.write("error: apply stopped: \(halted.displaySafe)\n") }
        return report
    }
}
