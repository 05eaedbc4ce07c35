import Foundation

/// The POSIX calls behind the state file, each failure carrying the call and `strerror`.
enum SimFileIO {
    struct Failure: Error {
        var reason: String
    }

    /// A regular file's bytes, opened without following a symbolic link; `nil` when there is none.
    static func readRegularFile(_ path: String) throws(Failure) -> Data? {
        // O_NONBLOCK: a FIFO is refused by `requireRegular` instead of blocking the open.
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw Failure(reason: describe(call: "open"))
        }
        defer { close(fd) }
        try requireRegular(fd)
        return try readAll(fd)
    }

    /// Refuses a FIFO, a device or a directory where a state file should be.
    static func requireRegular(_ fd: Int32) throws(Failure) {
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw Failure(reason: describe(call: "fstat")) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw Failure(reason: "not a regular file; refused") }
    }

    /// Every byte from the start, whatever the file offset.
    static func readAll(_ fd: Int32) throws(Failure) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(data.count)) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(reason: describe(call: "read"))
            }
            if count == 0 { return data }
            data.append(contentsOf: buffer[0..<count])
        }
    }

    static func writeAll(_ fd: Int32, _ data: Data) throws(Failure) {
        let failed: Bool = data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return true
                }
                offset += written
            }
            return false
        }
        if failed { throw Failure(reason: describe(call: "write")) }
    }

    /// Temp file in the same directory, fsync, rename, fsync of the directory: a crash leaves
    /// either the old or the new file, never a torn one. A symbolic link at `path` is replaced,
    /// never followed.
    static func replaceAtomically(_ path: String, with data: Data) throws(Failure) {
        let target = URL(fileURLWithPath: path)
        let directory = target.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw Failure(reason: (error as NSError).localizedDescription)
        }
        let temp = directory + "/." + target.lastPathComponent + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        // 0600: the file holds signing secrets.
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Failure(reason: describe(call: "open")) }
        do throws(Failure) {
            try writeAll(fd, data)
            guard fsync(fd) == 0 else { throw Failure(reason: describe(call: "fsync")) }
        } catch {
            close(fd)
            unlink(temp)
            throw error
        }
        guard close(fd) == 0 else {
            let failure = Failure(reason: describe(call: "close"))
            unlink(temp)
            throw failure
        }
        guard rename(temp, path) == 0 else {
            let failure = Failure(reason: describe(call: "rename"))
            unlink(temp)
            throw failure
        }
        let directoryFD = open(directory, O_RDONLY | O_CLOEXEC)
        if directoryFD >= 0 {
            _ = fsync(directoryFD)
            close(directoryFD)
        }
    }

    /// `call: reason` from `errno`, saying plainly when a symbolic link was refused.
    static func describe(call: String) -> String {
        if errno == ELOOP { return "a symbolic link; refused, the file holds signing secrets" }
        return "\(call): \(lastError())"
    }

    static func lastError() -> String {
        String(cString: strerror(errno))
    }
}
