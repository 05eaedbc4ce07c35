import ArgumentParser
import ZTAHooksCore

/// Reads the secrets file for planning: no lock, the journal of a running or crashed apply included.
enum SecretsReader {
    static func read(path: String) throws -> SecretsSnapshot {
        do {
            return try SecretsStore.read(path: path)
        } catch {
            throw ValidationError("cannot read the secrets file \(path): \(error)")
        }
    }
}
