/// One file that changed between a git revision and the work tree.
public struct FileChange: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case added, modified, deleted
        case renamed(from: String)
    }

    /// Absolute.
    public var path: String
    public var kind: Kind

    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }

    /// `git diff --name-status -z -M` output: a status, then one path (two for a rename or copy),
    /// each ended by NUL; paths relative to `root`, the top of the work tree.
    public static func parse(nameStatus: [UInt8], root: String) -> [FileChange] {
        let fields = nameStatus.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        func absolute(_ path: String) -> String { root.hasSuffix("/") ? root + path : root + "/" + path }
        var changes: [FileChange] = []
        var index = 0
        while index < fields.count {
            let status = fields[index]
            guard let letter = status.first else { index += 1; continue }
            switch letter {
            case "R", "C":
                guard index + 2 < fields.count else { return changes }
                let kind: Kind = letter == "R" ? .renamed(from: absolute(fields[index + 1])) : .added
                changes.append(FileChange(path: absolute(fields[index + 2]), kind: kind))
                index += 3
            default:
                guard index + 1 < fields.count else { return changes }
                let kind: Kind = letter == "A" ? .added : letter == "D" ? .deleted : .modified
                changes.append(FileChange(path: absolute(fields[index + 1]), kind: kind))
                index += 2
            }
        }
        return changes
    }
}

/// The site files a change-aware run (`--changed-since REF`) plans: those added, changed or
/// renamed under the run's paths; every one of them when the project file changed (its policy
/// and defaults apply to all); and the deleted ones, which are reported, never acted on.
public struct ChangedSiteFiles: Hashable, Sendable {
    /// The project file changed: plan every site.
    public var everything: Bool
    /// Absolute paths of the site files to plan, sorted.
    public var files: [String]
    /// Absolute paths of site files deleted (or renamed away), sorted: no longer managed.
    public var deleted: [String]

    /// - Parameters:
    ///   - paths: the run's site paths, absolute (files or directories).
    ///   - projectFile: the project file's absolute path, when there is one.
    public static func select(_ changes: [FileChange], under paths: [String], projectFile: String?) -> ChangedSiteFiles {
        func isUnder(_ file: String) -> Bool {
            paths.contains { path in file == path || file.hasPrefix(path.hasSuffix("/") ? path : path + "/") }
        }
        func isSiteFile(_ file: String) -> Bool {
            guard isUnder(file) else { return false }
            // A file named on the command line counts whatever its name; in a directory, as the loader finds them.
            if paths.contains(file) { return true }
            guard let directory = paths.first(where: { file.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) else { return false }
            return SiteLoader.isSiteFile(file, under: directory.hasSuffix("/") ? directory : directory + "/")
        }
        var files: Set<String> = []
        var deleted: Set<String> = []
        var everything = false
        for change in changes {
            if let projectFile, change.path == projectFile || { if case .renamed(let from) = change.kind { from == projectFile } else { false } }() {
                everything = true
            }
            switch change.kind {
            case .added, .modified:
                if isSiteFile(change.path) { files.insert(change.path) }
            case .deleted:
                if isSiteFile(change.path) { deleted.insert(change.path) }
            case .renamed(let from):
                if isSiteFile(change.path) { files.insert(change.path) }
                if isSiteFile(from) { deleted.insert(from) }
            }
        }
        return ChangedSiteFiles(everything: everything, files: files.sorted(), deleted: deleted.subtracting(files).sorted())
    }
}
