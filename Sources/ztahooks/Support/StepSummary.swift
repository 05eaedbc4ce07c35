import Foundation

/// GitHub Actions' job summary: Markdown appended to the file `GITHUB_STEP_SUMMARY` names.
enum StepSummary {
    /// Appends `markdown` when the variable is set (and renders it only then); a failure is a
    /// warning, not a failed run.
    static func append(_ markdown: () -> String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard let path = environment["GITHUB_STEP_SUMMARY"], !path.isEmpty else { return }
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            StandardError.write("warning: cannot append to the job summary \(path)\n")
            return
        }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data((markdown() + "\n").utf8))
        } catch {
            StandardError.write("warning: cannot append to the job summary \(path)\n")
        }
    }
}
