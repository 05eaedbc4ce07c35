import ArgumentParser
import ZTAHooksCore

/// Opening and closing the secrets file for a command that writes it (apply, rotate, import),
/// with what the user must hear on the way in and the truth about custody on the way out.
extension SecretsOptions {
    /// Takes the lock (waiting up to `--lock-timeout`), then says what opening found: a file
    /// others can read, a file git would commit, a journal an interrupted run left. A lock held
    /// by another run is a refusal (exit 3): nothing was changed and running again later works.
    func openStore(sandbox: Bool) async throws -> SecretsStore {
        let path = try path(sandbox: sandbox)
        let store: SecretsStore
        do throws(SecretsStoreError) {
            store = try await SecretsStore.open(path: path, acceptEmptyFile: initSecrets, lockTimeout: lockWait)
        } catch .locked(let lockFile, let holder) {
            StandardError.write("refused: \(SecretsStoreError.locked(lockFile: lockFile, holder: holder).message). Nothing was changed.\n")
            throw ExitCode(ExitStatus.refused.rawValue)
        } catch {
            StandardError.write("error: \(error.message)\n")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
        for warning in store.warnings { StandardError.write("warning: \(warning)\n") }
        if let warning = gitIgnoreWarning(for: store.path) {
            StandardError.write("warning: \(warning)\n")
        }
        if let recovered = store.recovery.summary {
            StandardError.write("\(store.recovery.lostSecrets ? "warning" : "note"): \(recovered)\n")
        }
        return store
    }
}

extension SecretsStore {
    /// Folds the journal into the secrets file and releases the lock. Returns false, having
    /// said where the secrets are, when any secret is not in the secrets file itself.
    func closeTellingCustody() async -> Bool {
        var complete = true
        do {
            try await close()
        } catch {
            StandardError.write("error: \(error.message). Until then the secrets state is two files: keep or save both "
                + "\(paths.file) and \(paths.journal).\n")
            complete = false
        }
        if recovery.lostSecrets {
            StandardError.write("error: a damaged line of the journal may have held a secret (see the warning above); "
                + "run `ztahooks plan` to see the webhooks it replaces.\n")
            complete = false
        }
        return complete
    }
}
