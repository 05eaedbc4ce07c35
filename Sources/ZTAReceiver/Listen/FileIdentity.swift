import Foundation
import ZTAHooksCore

/// What tells one version of a file from the next without reading it.
struct FileIdentity: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var seconds: Int
    var nanoseconds: Int

    /// The identity of the file at `path` (links followed); `nil` when there is none.
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        #if canImport(Darwin)
        seconds = Int(info.st_mtimespec.tv_sec)
        nanoseconds = Int(info.st_mtimespec.tv_nsec)
        #else
        seconds = Int(info.st_mtim.tv_sec)
        nanoseconds = Int(info.st_mtim.tv_nsec)
        #endif
    }

    /// The secrets file's and its journal's identities, in that order.
    static func both(_ paths: SecretsPaths) -> [FileIdentity?] {
        [FileIdentity(path: paths.file), FileIdentity(path: paths.journal)]
    }
}
