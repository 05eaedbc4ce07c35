import Foundation
import ZTAHooksCore

/// What git says changed between a revision and the work tree (`--changed-since REF`):
/// committed, staged and unstaged changes, and new files git does not ignore.
public enum GitChanges {
    /// The changes, with absolute paths. Ends the command with an error that says how to fix it
    /// when git is missing, this is no work tree, or the revision is unknown.
    public static func since(_ revision: String, in directory: String) throws -> [FileChange] {
        guard !revision.hasPrefix("-") else { throw UsageError("--changed-since \(revision.displaySafe): a revision, not an option") }
        let root = try git(["rev-parse", "--show-toplevel"], in: directory, revision: revision)
        let top = String(decoding: root, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try git(["rev-parse", "--verify", "--quiet", revision + "^{commit}"], in: directory, revision: revision)
        let diff = try git(["-c", "core.quotePath=false", "diff", "--name-status", "-z", "-M", revision, "--"], in: top, revision: revision)
        let untracked = try git(["ls-files", "-z", "--others", "--exclude-standard", "--full-name"], in: top, revision: revision)
        let added = untracked.split(separator: 0).map { FileChange(path: top + "/" + String(decoding: $0, as: UTF8.self), kind: .added) }
        return FileChange.parse(nameStatus: diff, root: top) + added
    }

    /// A file as it was at `revision`; `nil` when git cannot show it.
    public static func contents(of path: String, at revision: String, in directory: String) -> [UInt8]? {
        guard let top = try? git(["rev-parse", "--show-toplevel"], in: directory, revision: revision) else { return nil }
        let root = String(decoding: top, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard path.hasPrefix(root + "/") else { return nil }
        return try? git(["show", revision + ":" + String(path.dropFirst(root.count + 1))], in: root, revision: revision)
    }

    private static func git(_ arguments: [String], in directory: String, revision: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            StandardError.write("error: --changed-since needs git, which could not be run: \(String(describing: error).displaySafe)\n")
            throw CommandExit(.failure)
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            if arguments.contains("--verify") {
                StandardError.write("error: --changed-since \(revision.displaySafe): git knows no such revision here "
                    + "(in CI, fetch it first: `git fetch origin <branch>`, or check out with enough history)\n")
            } else if message.contains("not a git repository") {
                StandardError.write("error: --changed-since needs a git work tree; \(directory.displaySafe) is not in one\n")
            } else {
                StandardError.write("error: git \(arguments.first ?? "") failed: \(message.trimmingCharacters(in: .whitespacesAndNewlines).displaySafe)\n")
            }
            throw CommandExit(.failure)
        }
        return [UInt8](data)
    }
}
