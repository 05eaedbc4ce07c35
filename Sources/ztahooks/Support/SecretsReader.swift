import ArgumentParser
import ZTAHooksCore

/// Reads the secrets file for planning: no lock, the journal of a running or crashed apply included.
enum SecretsReader {
    static func read(path: String) throws -> SecretsSnapshot {
        do {
            return try SecretsStore.read(path: path)
        } catch {
            // A damaged secrets file is an error of the run (exit 1), not of the command line.
            StandardError.write("error: \(error.message)\n")
            throw ExitCode(1)
        }
    }
}
