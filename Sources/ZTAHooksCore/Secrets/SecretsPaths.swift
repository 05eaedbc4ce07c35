/// The files of one secrets store: the JSON file and the journal, lock and temporary file beside it.
public struct SecretsPaths: Hashable, Sendable {
    /// The secrets file, e.g. `.ztahooks/secrets.json`.
    public let file: String
    /// Appended records while an apply runs: `<file>.journal`.
    public let journal: String
    /// Held with `flock` by the running apply: `<file>.lock`.
    public let lock: String
    /// Where a fold writes before renaming over the file: `<file>.tmp`.
    public let temporary: String
    /// The directory holding all of them.
    public let directory: String

    public init(file: String) {
        self.file = file
        journal = file + ".journal"
        lock = file + ".lock"
        temporary = file + ".tmp"
        directory = Self.directory(of: file)
    }

    /// The directory part of a path: `.` for a bare name, `/` for a file at the root.
    public static func directory(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        let parent = trimmed[..<slash]
        return parent.isEmpty ? "/" : String(parent)
    }
}
