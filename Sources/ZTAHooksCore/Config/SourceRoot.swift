/// Where a project's site files are read from, independent of the directory a command runs in:
/// so that a saved plan names its site files the same way from anywhere in the checkout.
///
/// The root is the directory of the project file when there is one, else the top of the git work
/// tree (the nearest directory with a `.git` entry), else the current directory. Pure path
/// arithmetic on absolute paths; nothing here touches the disk but `of`.
public enum SourceRoot {
    /// The root for a command run in `cwd` (absolute) with the project file at `projectPath`
    /// (as found or given; relative to `cwd` or absolute), if any.
    public static func of(cwd: String, projectPath: String?, in source: some SiteFileSource) -> String {
        find(cwd: cwd, projectPath: projectPath, in: source) ?? normalized(cwd)
    }

    /// The project file's directory or the git work tree's top; `nil` when there is neither.
    public static func find(cwd: String, projectPath: String?, in source: some SiteFileSource) -> String? {
        if let projectPath {
            return parent(of: absolute(projectPath, cwd: cwd))
        }
        var directory = normalized(cwd)
        while true {
            if source.kind(directory == "/" ? "/.git" : directory + "/.git") != nil { return directory }
            guard directory != "/" else { return nil }
            directory = parent(of: directory)
        }
    }

    /// `path` as an absolute path without `.`, `..` or repeated slashes.
    public static func absolute(_ path: String, cwd: String) -> String {
        normalized(path.hasPrefix("/") ? path : cwd + "/" + path)
    }

    /// `absolute` relative to `root` (`sites/shop.yaml`, `.` for the root itself); an absolute
    /// path outside the root stays absolute.
    public static func relative(_ absolute: String, to root: String) -> String {
        let root = normalized(root)
        let path = normalized(absolute)
        if path == root { return "." }
        let prefix = root == "/" ? "/" : root + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// `absolute` as a user in `cwd` would type it: relative, with `../` where it must climb.
    public static func display(_ absolute: String, cwd: String) -> String {
        let from = components(normalized(cwd))
        let to = components(normalized(absolute))
        let common = zip(from, to).prefix { $0 == $1 }.count
        let parts = Array(repeating: "..", count: from.count - common) + to[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    private static func components(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }

    private static func parent(of path: String) -> String {
        let path = normalized(path)
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }
}
