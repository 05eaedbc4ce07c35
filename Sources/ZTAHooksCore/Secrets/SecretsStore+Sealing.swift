/// Opening the sealed values of a file (and its journal) with the key, and sealing what is plain.
extension SecretsStore {
    /// Opens every sealed secret with `key`, and (with `sealPlaintext`) seals every secret still
    /// in plain text, which upgrades a plain-text file at its next write. Returns how many plain
    /// secrets were sealed. Fails on the first value that does not open, before anything is written.
    static func unseal(_ state: inout SecretsState, key: SecretsKey, file: String, sealPlaintext: Bool) throws(SecretsStoreError) -> Int {
        if let sealedWith = state.encryption?.keyId, sealedWith != key.id {
            throw .wrongKey(file: file, sealedWith: sealedWith, given: key.id, source: key.source)
        }
        var sealedNow = 0
        try state.updateEntries { (entry: inout SecretEntry) throws(SecretsStoreError) in
            if let sealed = entry.sealed {
                guard let secret = SecretSealer.open(sealed, siteId: entry.siteId, id: entry.id, key: key) else {
                    throw .sealedValueRejected(file: file, entry: "\(entry.siteId)/\(entry.name)", keyId: key.id)
                }
                entry.secret = secret
            } else if sealPlaintext, let secret = entry.secret {
                entry.sealed = SecretSealer.seal(secret, siteId: entry.siteId, id: entry.id, key: key)
                sealedNow += 1
            }
        }
        if sealPlaintext { state.encryption = SecretsEncryption(keyId: key.id) }
        return sealedNow
    }

    /// Seals every secret under `newKey` and replaces the file atomically; the store is closed
    /// right after by `rekey`. Nothing is written when a secret cannot be opened.
    func reseal(under newKey: SecretsKey) async throws(SecretsStoreError) -> Int {
        await waitUntilIdle()
        var resealed = state
        var count = 0
        let file = paths.file
        let keyId = state.encryption?.keyId
        try resealed.updateEntries { (entry: inout SecretEntry) throws(SecretsStoreError) in
            guard entry.hasSecret else { return }
            guard let secret = entry.secret else { throw .keyRequired(file: file, keyId: keyId) }
            entry.sealed = SecretSealer.seal(secret, siteId: entry.siteId, id: entry.id, key: newKey)
            count += 1
        }
        resealed.encryption = SecretsEncryption(keyId: newKey.id)
        let snapshot = resealed.snapshot
        let paths = self.paths
        let io = self.io
        let failed = await offload { () -> FileIOError? in
            do throws(FileIOError) {
                _ = try SecretsStore.writeFile(snapshot, paths: paths, io: io)
                return nil
            } catch {
                return error
            }
        }
        if let failed {
            throw .notDurable(what: "the secrets sealed with key \(newKey.id)", file: paths.file, reason: failed.reason)
        }
        state = resealed
        foldedChanges = changes
        return count
    }

    /// Re-seals every secret of the file under `newKey` in one atomic replace, under the lock and
    /// after folding any journal. `oldKey` is the key the file is sealed with (`nil` for a
    /// plain-text file). Returns how many secrets were sealed. Any failure leaves the file as it was.
    public static func rekey(path: String, io: some DurableFileIO = POSIXDurableFileIO(), from oldKey: SecretsKey?,
                             to newKey: SecretsKey, lockTimeout: Duration = .zero) async throws(SecretsStoreError) -> Int {
        let store = try await open(path: path, io: io, key: oldKey, lockTimeout: lockTimeout)
        let count: Int
        do {
            count = try await store.reseal(under: newKey)
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
        return count
    }
}
