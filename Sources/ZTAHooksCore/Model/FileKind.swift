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
