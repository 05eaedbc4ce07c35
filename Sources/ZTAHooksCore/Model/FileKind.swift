#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// What a path names, with symbolic links followed: for site files and the secrets file alike.
///
/// Only regular files are read: opening a FIFO named `x.yaml` waits for a writer forever, and a
/// device may never end.
public enum FileKind: Hashable, Sendable, CustomStringConvertible {
    case regular
    case directory
    /// Anything else, described for a message: "a FIFO", "a socket", "a character device".
    case other(String)

    /// The kind `stat` reports in `st_mode`.
    public init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFIFO: self = .other("a FIFO")
        case S_IFSOCK: self = .other("a socket")
        case S_IFCHR: self = .other("a character device")
        case S_IFBLK: self = .other("a block device")
        default: self = .other("not a file or directory")
        }
    }

    /// "a regular file", "a directory", "a FIFO", ...
    public var description: String {
        switch self {
        case .regular: return "a regular file"
        case .directory: return "a directory"
        case .other(let what): return what
        }
    }
}

/// Why a path could not be opened, in plain words rather than the system's error code.
public enum FileOpenProblem {
    /// The words for `code` (an errno from open(2) or stat(2)) at `path`: a link loop, a
    /// dangling link, a missing file, a permission.
    public static func describe(errno code: Int32, path: String) -> String {
        switch code {
        case ELOOP:
            return "it is a symbolic link loop (a link that leads back to itself)"
        case ENOENT:
            var info = stat()
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
                return "it is a dangling symbolic link (its target does not exist)"
            }
            return "no such file"
        case EACCES, EPERM:
            return "permission denied"
        case ENOTDIR:
            return "a part of the path is not a directory"
        case EISDIR:
            return "it is a directory"
        case ENAMETOOLONG:
            return "the path is too long"
        default:
            return String(cString: strerror(code))
        }
    }

    /// Why `stat` finds nothing usable at `path`: "no such file or directory", a dangling link, a loop.
    public static func whyMissing(_ path: String) -> String {
        var info = stat()
        guard stat(path, &info) != 0 else { return "no such file or directory" }
        let words = describe(errno: errno, path: path)
        return words == "no such file" ? "no such file or directory" : words
    }

    /// Whether `path` is a directory (links followed).
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && FileKind(mode: info.st_mode) == .directory
    }

    /// Why open(2) for reading fails at `path`, tried again to learn the reason.
    public static func whyUnopenable(_ path: String) -> String {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor < 0 else {
            close(descriptor)
            return "it could not be opened"
        }
        return describe(errno: errno, path: path)
    }
}
