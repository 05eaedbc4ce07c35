/// What a path names, as far as reading site files goes; symbolic links are followed.
///
/// Only regular files are read: opening a FIFO named `x.yaml` waits for a writer forever, and a
/// device may never end.
public enum SiteFileKind: Hashable, Sendable {
    case regular
    case directory
    /// Anything else, described for a message: "a FIFO", "a socket", "a character device".
    case other(String)
}
