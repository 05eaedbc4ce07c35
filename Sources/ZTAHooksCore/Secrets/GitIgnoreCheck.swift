import Foundation

/// Asks git whether a path is ignored. A protocol so that the warning's logic is testable
/// without a repository or a git binary.
public protocol GitIgnoreProbe: Sendable {
    /// `true` when git ignores the path, `false` when the path lies in a work tree and is not
    /// ignored (or is tracked), `nil` when it lies outside any work tree or git cannot be run.
    func isIgnored(_ path: String) -> Bool?
}

/// Runs `git check-ignore -q`, which exits 0 for an ignored path, 1 for a path that is not
/// ignored (tracked files included), and 128 outside a work tree.
public struct ProcessGitIgnoreProbe: GitIgnoreProbe {
    public init() {}

    public func isIgnored(_ path: String) -> Bool? {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        // The file and even its directory may not exist yet on a first run: ask from the
        // nearest existing ancestor, with the absolute path.
        var directory = SecretsPaths.directory(of: absolute)
        while !FileManager.default.fileExists(atPath: directory) && directory != "/" {
            directory = SecretsPaths.directory(of: directory)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory, "check-ignore", "-q", "--", absolute]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        process.waitUntilExit()
        switch process.terminationStatus {
        case 0: return true
        case 1: return false
        default: return nil
        }
    }
}

/// A warning when the secrets file (or its journal) sits in a git work tree and is not ignored,
/// so that a `git add .` cannot publish secrets. `nil` when all is well.
///
/// The text carries no `warning:` prefix; the command line adds it.
public func gitIgnoreWarning(for path: String, probe: some GitIgnoreProbe = ProcessGitIgnoreProbe()) -> String? {
    let paths = SecretsPaths(file: path)
    let exposed = [paths.file, paths.journal].contains { probe.isIgnored($0) == false }
    guard exposed else { return nil }
    let name = path.split(separator: "/").last.map(String.init) ?? path
    let pattern = path.hasPrefix(".ztahooks/") || path.hasPrefix("./.ztahooks/") ? ".ztahooks/" : "\(name)*"
    return "the secrets file \(path) is inside a git work tree and not ignored; add '\(pattern)' to .gitignore so that secrets are never committed"
}
