import Foundation
import ZTAHooksCore

/// GitHub Actions' job summary: Markdown appended to the file `GITHUB_STEP_SUMMARY` names.
public enum StepSummary {
    /// Whether `append` would write: the variable is set and the command was not told not to.
    public static func isWanted(enabled: Bool = true, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        enabled && !(environment["GITHUB_STEP_SUMMARY"] ?? "").isEmpty
    }

    /// Appends `markdown` when the variable is set and `enabled` (and renders it only then), cut
    /// to what is left of the step's 1 MiB; a failure is a warning, not a failed run.
    /// - Parameter wholeReport: where the reader finds everything when the summary is cut.
    public static func append(_ markdown: () -> String, enabled: Bool = true, wholeReport: String,
                       environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard isWanted(enabled: enabled, environment: environment), let path = environment["GITHUB_STEP_SUMMARY"] else { return }
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            StandardError.write("warning: cannot append to the job summary \(path.displaySafe)\n")
            return
        }
        defer { try? handle.close() }
        do {
            // What this step already wrote counts against the same limit.
            let written = Int(try handle.seekToEnd())
            let room = StepSummaryLimit.gitHubLimit - written - 1
            guard room > 0 else {
                StandardError.write("warning: the job summary \(path.displaySafe) is full (1 MiB); nothing was added\n")
                return
            }
            try handle.write(contentsOf: Data((StepSummaryLimit.fit(markdown(), room: room, wholeReport: wholeReport) + "\n").utf8))
        } catch {
            StandardError.write("warning: cannot append to the job summary \(path.displaySafe)\n")
        }
    }
}
