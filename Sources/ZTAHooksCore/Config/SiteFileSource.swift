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

    /// Why, for a message that names the file.
    public var reason: String {
        switch self {
        case .tooLarge(let bytes): "\(bytes) bytes is too large"
        case .unreadable(let reason): reason
        }
    }
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
        // Keep the user's spelling of the directory so that messages point where they looked;
        // `.` lists as plain relative paths.
        let prefix = directory == "." ? "" : directory.hasSuffix("/") ? directory : directory + "/"
        var files: [String] = []
        guard Self.walk(directory.isEmpty ? "." : directory, as: prefix, into: &files) else {
            throw SiteFileReadError.unreadable(reason: "cannot list the directory")
        }
        return files
    }

    /// Lists one directory with readdir(3) and descends into its subdirectories; false when the
    /// directory cannot be opened. The entry's type comes with its name, so a tree costs one
    /// system call per directory rather than per file, where Foundation's enumerator built a URL
    /// for each. Hidden entries are skipped. A symbolic link is listed as a file and never
    /// followed, so a link to a directory cannot make the walk loop; `kind` later tells what it
    /// points to. An unreadable subdirectory is passed over, as Foundation's enumerator did.
    private static func walk(_ path: String, as shown: String, into files: inout [String]) -> Bool {
        guard let stream = opendir(path) else { return false }
        defer { closedir(stream) }
        let base = path.hasSuffix("/") ? path : path + "/"
        var subdirectories: [(path: String, shown: String)] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            // `.`, `..` and every hidden entry (`.git`, `.build`).
            if name.hasPrefix(".") { continue }
            if isDirectory(type: entry.pointee.d_type, at: base + name) {
                subdirectories.append((base + name, shown + name + "/"))
            } else {
                files.append(exactly(shown, name))
            }
        }
        for subdirectory in subdirectories {
            _ = walk(subdirectory.path, as: subdirectory.shown, into: &files)
        }
        return true
    }

    /// `head` and `tail` in a string of just their size: `+` leaves room to grow, twice the size,
    /// and each path is kept for the whole run (18 MB where 10 would do at 100,000 sites).
    private static func exactly(_ head: String, _ tail: String) -> String {
        var joined = String()
        joined.reserveCapacity(head.utf8.count + tail.utf8.count)
        joined += head
        joined += tail
        return joined
    }

    /// A real directory, not a link to one; asks lstat(2) only when the file system does not
    /// give the type with the name.
    private static func isDirectory(type: UInt8, at path: String) -> Bool {
        if type != UInt8(DT_UNKNOWN) { return type == UInt8(DT_DIR) }
        var info = stat()
        return lstat(path, &info) == 0 && FileKind(mode: info.st_mode) == .directory
    }

    public func read(_ path: String, limit: Int) throws -> Data {
        // The loader reads only what `kind` called regular; should the path have become a FIFO
        // since, O_NONBLOCK keeps the open from waiting for a writer, and fstat refuses it.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw SiteFileReadError.unreadable(reason: FileOpenProblem.describe(errno: errno, path: path))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, case .regular = FileKind(mode: info.st_mode) else {
            throw SiteFileReadError.unreadable(reason: "it is \(FileKind(mode: info.st_mode)), not a regular file")
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
