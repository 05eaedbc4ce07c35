import Foundation
import ZTAHooksCore

/// Reads the secrets file for planning: no lock, the journal of a running or crashed apply included.
public enum SecretsReader {
    /// The snapshot; warnings (a file open to others, a damaged journal, an apply running right
    /// now) go to standard error.
    public static func read(_ options: SecretsSettings, sandbox: Bool) throws -> SecretsSnapshot {
        try inspect(options, sandbox: sandbox).snapshot
    }

    /// The snapshot for a command that reaches `api`: a file that belongs to another API is
    /// refused (exit 3) here, before any request.
    public static func read(_ options: SecretsSettings, for api: APISettings) throws -> SecretsSnapshot {
        let inspection = try inspect(options, sandbox: api.sandbox)
        let path = try options.path(sandbox: api.sandbox)
        do throws(SecretsStoreError) {
            try inspection.snapshot.checkBinding(to: api.origin, file: path)
        } catch {
            throw error.reported()
        }
        return inspection.snapshot
    }

    /// The same, with the inspection's paths; with `key`, sealed secrets are opened (a wrong
    /// key, or a value that does not open, is an error of the run).
    public static func inspect(_ options: SecretsSettings, sandbox: Bool, key: SecretsKey? = nil) throws -> SecretsInspection {
        let path = try options.path(sandbox: sandbox)
        let inspection: SecretsInspection
        do {
            inspection = try SecretsStore.inspect(path: path, acceptEmptyFile: options.initSecrets, key: key)
        } catch {
            // A damaged secrets file is an error of the run (exit 1), not of the command line.
            StandardError.write("error: \(error.message)\n")
            throw CommandExit(.failure)
        }
        for warning in inspection.warnings { StandardError.write("warning: \(warning)\n") }
        if let holder = inspection.holder, holder.isRunning {
            StandardError.write("note: another ztahooks apply (\(holder.summary)) holds the lock on \(inspection.paths.file): "
                + "live webhooks may change while this runs; its secrets so far are included\n")
        }
        return inspection
    }
}

extension LockHolder {
    /// Whether the holder still runs: checked when it is on this host; assumed when it is not,
    /// since another machine's processes cannot be seen from here.
    public var isRunning: Bool {
        guard host == LockHolder.current().host else { return true }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
