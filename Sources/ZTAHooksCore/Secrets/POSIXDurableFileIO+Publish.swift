#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension POSIXDurableFileIO {
    /// Replaces `path` whole or not at all with a file others may read (a site file: 0644).
    ///
    /// The temporary file is new (`O_EXCL`) and never a symlink (`O_NOFOLLOW`), and the rename
    /// replaces whatever entry is at `path`: a symlink there is replaced, never written through,
    /// so the write cannot land on a file elsewhere. A failed attempt leaves `path` as it was.
    public func publishFile(_ path: String, bytes: [UInt8], mode: mode_t = 0o644) throws(FileIOError) {
        let directory = SecretsPaths.directory(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let temporary = (directory == "/" ? "" : directory) + "/.\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        if fd < 0 { throw Self.lastError() }
        do throws(FileIOError) {
            defer { _ = systemClose(fd) }
            // The umask may have taken bits away from `mode`; the file gets exactly `mode`.
            if fchmod(fd, mode) != 0 { throw Self.lastError() }
            try Self.writeAll(bytes, to: fd)
            if fsync(fd) != 0 { throw Self.lastError() }
        } catch {
            try? removeFile(temporary)
            throw error
        }
        do throws(FileIOError) {
            try rename(temporary, to: path)
        } catch {
            try? removeFile(temporary)
            throw error
        }
        try syncDirectory(directory)
    }
}
