import Foundation
#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The file system as the loader sees it; tests pass an in-memory fake.
public protocol SiteFileSource: Sendable {
    /// What `path` names, links followed, without opening it; nil when nothing exists there.
    func kind(_ path: String) -> FileKind?
    /// Every file under `directory`, any extension, as paths that start with `directory`.
    func listRecursively(_ directory: String) throws -> [String]
    /// The file's bytes; throws `SiteFileReadError.tooLarge` rather than read more than `limit`.
    func read(_ path: String, limit: Int) throws -> Data
}

/// Why a site file could not be read.
public enum SiteFileReadError: Error, Equatable, Sendable {
    /// The file holds more than the limit; `bytes` is its size.
    case tooLarge(bytes: Int)
    case unreadable(reason: String)
}

/// The local disk. Hidden files and directories (`.git`, `.build`) are not listed.
public struct LocalFileSource: SiteFileSource {
    public init() {}

    public func kind(_ path: String) -> FileKind? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileKind(mode: info.st_mode)
    }

    public func listRecursively(_ directory: String) throws -> [String] {
        let base = URL(fileURLWithPath: directory, isDirectory: true)
        // No resource keys: the enumerator already knows which entries are directories, and
        // asking again costs a system call per file.
        guard let enumerator = FileManager.default.enumerator(
            at: base, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles]
        ) else {
            throw SiteFileReadError.unreadable(reason: "cannot list the directory")
        }
        // Keep the user's spelling of the directory so that messages point where they looked;
        // `.` lists as plain relative paths.
        let prefix = directory == "." ? "" : directory.hasSuffix("/") ? directory : directory + "/"
        let basePath = base.path.hasSuffix("/") ? base.path : base.path + "/"
        var files: [String] = []
        for case let url as URL in enumerator where !url.hasDirectoryPath {
            let full = url.path
            guard full.hasPrefix(basePath) else { continue }
            files.append(prefix + full.dropFirst(basePath.count))
        }
        return files
    }

    public func read(_ path: String, limit: Int) throws -> Data {
        // The loader reads only what `kind` called regular; should the path have become a FIFO
        // since, O_NONBLOCK keeps the open from waiting for a writer, and fstat refuses it.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw SiteFileReadError.unreadable(reason: "permission denied or not a regular file")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, case .regular = FileKind(mode: info.st_mode) else {
            throw SiteFileReadError.unreadable(reason: "not a regular file")
        }
        // Plain read(2) into a buffer of the file's size: a site file is a few hundred bytes,
        // and FileHandle's reading cost more than the file. One byte past the limit is enough to
        // know it is too large; a file that grows while being read is read up to that too.
        var bytes = [UInt8](repeating: 0, count: min(limit + 1, max(Int(info.st_size) + 1, 4096)))
        var count = 0
        while count <= limit {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: min(bytes.count, limit + 1 - count))) }
            let read = bytes.withUnsafeMutableBytes { buffer in
                readSome(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if read < 0 {
                if errno == EINTR { continue }
                throw SiteFileReadError.unreadable(reason: String(cString: strerror(errno)))
            }
            if read == 0 { break }
            count += read
        }
        if count > limit {
            throw SiteFileReadError.tooLarge(bytes: max(Int(info.st_size), count))
        }
        return Data(bytes[..<count])
    }
}

/// read(2), named apart from `LocalFileSource.read`, which hides it inside the type.
private func readSome(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
