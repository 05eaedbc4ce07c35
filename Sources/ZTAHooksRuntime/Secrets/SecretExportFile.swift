import Foundation

/// Writes a secret to a file of its own: mode 0600 from the start, no link followed at the
/// destination, and an existing file replaced only on request, atomically.
public enum SecretExportFile {
    public enum Outcome: Equatable {
        case written
        case exists
        case failed(String)
    }

    public static func write(_ bytes: [UInt8], to path: String, replace: Bool) -> Outcome {
        if !replace {
            // O_EXCL fails on any existing name, a dangling link included: nothing is followed.
            return create(path, bytes)
        }
        // Written beside the destination, then renamed over it: rename replaces a link itself,
        // never the file it points to, and a reader never sees half a secret.
        let temporary = path + ".tmp-\(getpid())"
        let outcome = create(temporary, bytes)
        guard outcome == .written else { return outcome }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return .failed(reason)
        }
        return .written
    }

    private static func create(_ path: String, _ bytes: [UInt8]) -> Outcome {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            return errno == EEXIST ? .exists : .failed(String(cString: strerror(errno)))
        }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(fd)
                unlink(path)
                return .failed(reason)
            }
            written += count
        }
        // The umask cannot widen 0600, but an inherited ACL could: say it plainly.
        fchmod(fd, 0o600)
        let synced = fsync(fd) == 0
        close(fd)
        return synced ? .written : .failed("could not flush the file to disk")
    }
}
