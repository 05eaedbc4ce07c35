import ArgumentParser
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
}
