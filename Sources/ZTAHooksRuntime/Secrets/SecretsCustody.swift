import ZTAHooksCore

/// Opening and closing the secrets file for a command that writes it (apply, rotate, import),
/// with what the user must hear on the way in and the truth about custody on the way out.
extension SecretsSettings {
    /// Takes the lock (waiting up to `--lock-timeout`), then says what opening found: a file
    /// others can read, a file git would commit, a journal an interrupted run left. A lock held
    /// by another run is a refusal (exit 3): nothing was changed and running again later works.
    ///
    /// `sealing`: the command records new secrets (apply, rotate), so a sealed file opened
    /// without its key is refused (exit 1) before any request. Import records none and goes on.
    ///
    /// The file must belong to `api` (or to none yet, and is then bound to it): another API's
    /// file is refused (exit 3) before any request. `retiredKeep`: retired entries older than
    /// this are dropped.
    public func openStore(for api: APISettings, sealing: Bool = false, retiredKeep: Duration? = nil) async throws -> SecretsStore {
        let sandbox = api.sandbox
        let path = try path(sandbox: sandbox)
        let key = try key()
        let store: SecretsStore
        do throws(SecretsStoreError) {
            store = try await SecretsStore.open(path: path, acceptEmptyFile: initSecrets, key: key, api: api.origin,
                                                retiredKeep: retiredKeep, lockTimeout: lockWait)
        } catch {
            throw error.reported()
        }
        if sealing && store.needsKey {
            let keyId = await store.snapshot.encryption?.keyId
            try? await store.close()
            StandardError.write("error: \(SecretsStoreError.keyRequired(file: store.path, keyId: keyId).message).\n")
            throw CommandExit(.failure)
        }
        for warning in store.warnings { StandardError.write("warning: \(warning)\n") }
        // A sealed file is meant to be committable: only a plain-text one must stay out of git.
        if key == nil, !store.needsKey, let warning = gitIgnoreWarning(for: store.path) {
            StandardError.write("warning: \(warning)\n")
        }
        if let upgraded = store.upgradedSecrets, upgraded > 0, let key {
            StandardError.write("note: sealed the secrets file \(store.path) with key \(key.id): \(upgraded) secret"
                + "\(upgraded == 1 ? " was" : "s were") in plain text (an older copy, e.g. in git history, still holds them in plain text)\n")
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
    public func closeTellingCustody() async -> Bool {
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
