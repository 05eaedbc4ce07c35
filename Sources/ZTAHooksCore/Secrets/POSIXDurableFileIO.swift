#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `DurableFileIO` on POSIX calls: `open`, `write`, `fsync`, `rename`, `flock`.
public struct POSIXDurableFileIO: DurableFileIO {
    public init() {}

    public func readFile(_ path: String) throws(FileIOError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw Self.lastError()
        }
        defer { _ = systemClose(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Self.lastError()
            }
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
        }
    }

    public func makeDirectory(_ path: String) throws(FileIOError) {
        var isDirectory = stat()
        if stat(path, &isDirectory) == 0 { return }
        let parent = SecretsPaths.directory(of: path)
        if parent != path { try makeDirectory(parent) }
        if mkdir(path, 0o700) != 0 && errno != EEXIST { throw Self.lastError() }
        // The new directory entry must survive a power loss like the files inside it.
        try? syncDirectory(parent)
    }

    public func lockFile(_ path: String) throws(FileIOError) -> DurableFileHandle? {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if fd < 0 { throw Self.lastError() }
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let error = Self.lastError()
            if error.code == EINTR { continue }
            _ = systemClose(fd)
            if error.code == EWOULDBLOCK || error.code == EAGAIN { return nil }
            throw error
        }
        return DurableFileHandle(raw: fd)
    }

    public func openForAppend(_ path: String) throws(FileIOError) -> DurableFileHandle {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        if fd < 0 { throw Self.lastError() }
        if fchmod(fd, 0o600) != 0 {
            let error = Self.lastError()
            _ = systemClose(fd)
            throw error
        }
        return DurableFileHandle(raw: fd)
    }

    public func append(_ bytes: [UInt8], to file: DurableFileHandle) throws(FileIOError) {
        try Self.writeAll(bytes, to: file.raw)
    }

    public func sync(_ file: DurableFileHandle) throws(FileIOError) {
        if fsync(file.raw) != 0 { throw Self.lastError() }
    }

    public func truncate(_ file: DurableFileHandle, to length: Int) throws(FileIOError) {
        if ftruncate(file.raw, off_t(length)) != 0 { throw Self.lastError() }
    }

    public func close(_ file: DurableFileHandle) {
        _ = systemClose(file.raw)
    }

    public func writeFile(_ path: String, bytes: [UInt8]) throws(FileIOError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        if fd < 0 { throw Self.lastError() }
        defer { _ = systemClose(fd) }
        if fchmod(fd, 0o600) != 0 { throw Self.lastError() }
        try Self.writeAll(bytes, to: fd)
        if fsync(fd) != 0 { throw Self.lastError() }
    }

    public func rename(_ source: String, to destination: String) throws(FileIOError) {
        if systemRename(source, destination) != 0 { throw Self.lastError() }
    }

    public func syncDirectory(_ path: String) throws(FileIOError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 { throw Self.lastError() }
        defer { _ = systemClose(fd) }
        // Some file systems cannot fsync a directory and say so with EINVAL; nothing more can be done.
        if fsync(fd) != 0 && errno != EINVAL { throw Self.lastError() }
    }

    public func removeFile(_ path: String) throws(FileIOError) {
        if unlink(path) != 0 && errno != ENOENT { throw Self.lastError() }
    }

    public func resolvedPath(_ path: String) throws(FileIOError) -> String {
        // Follow the file's own links first: the lock, journal and temporary file must sit beside
        // the real file, or an apply through a link and one through its target lock different files.
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { break }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            if length < 0 { throw Self.lastError() }
            let target = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = target.hasPrefix("/") ? target : SecretsPaths.directory(of: current) + "/" + target
        }
        // Then the directory: `realpath` resolves its links and `..`, so one file has one set of paths.
        let directory = SecretsPaths.directory(of: current)
        let name = current.split(separator: "/").last.map(String.init) ?? current
        guard let resolved = realpath(directory, nil) else {
            if errno == ENOENT { return current }
            throw Self.lastError()
        }
        defer { free(resolved) }
        let base = String(cString: resolved)
        return (base == "/" ? "" : base) + "/" + name
    }

    public func describeLock(_ lock: DurableFileHandle, as bytes: [UInt8]) {
        guard ftruncate(lock.raw, 0) == 0 else { return }
        _ = bytes.withUnsafeBytes { pwrite(lock.raw, $0.baseAddress, $0.count, 0) }
    }

    public func fileStatus(_ path: String) throws(FileIOError) -> FileStatus? {
        var info = stat()
        if stat(path, &info) != 0 {
            if errno == ENOENT { return nil }
            throw Self.lastError()
        }
        return FileStatus(kind: FileKind(mode: info.st_mode), mode: UInt32(info.st_mode) & 0o7777)
    }

    static func writeAll(_ bytes: [UInt8], to fd: Int32) throws(FileIOError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw lastError()
            }
            offset += written
        }
    }

    static func lastError() -> FileIOError {
        let code = errno
        return FileIOError(code: code, reason: String(cString: strerror(code)))
    }
}

// `close` and `rename` are also names of this type's methods; these reach the C functions.
func systemClose(_ fd: Int32) -> Int32 { close(fd) }
func systemRename(_ source: String, _ destination: String) -> Int32 { rename(source, destination) }
