import Foundation

/// Moving a secrets file to another API on purpose (`ztahooks secrets rebind`).
extension SecretsStore {
    /// Binds the file at `path` to `origin`, under the lock and after folding any journal, in one
    /// atomic replace; every entry, retired ones and sealed values included, stays as it is.
    /// Returns the origin it belonged to before (`nil` when it named none).
    public static func rebind(path: String, io: some DurableFileIO = POSIXDurableFileIO(), to origin: String,
                              lockTimeout: Duration = .zero) async throws(SecretsStoreError) -> String? {
        let store = try await open(path: path, io: io, lockTimeout: lockTimeout)
        let previous = await store.bind(to: origin)
        try await store.close()
        return previous
    }

    private func bind(to origin: String) -> String? {
        let previous = state.api
        state.api = origin
        changes += 1
        return previous
    }
}
