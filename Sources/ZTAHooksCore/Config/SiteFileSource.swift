import Foundation

/// The file system as the loader sees it; tests pass an in-memory fake.
public protocol SiteFileSource: Sendable {
    /// Whether `path` is a directory; nil when nothing exists there.
    func isDirectory(_ path: String) -> Bool?
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

    public func isDirectory(_ path: String) -> Bool? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        return isDirectory.boolValue
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
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw SiteFileReadError.unreadable(reason: "permission denied or not a regular file")
        }
        defer { try? handle.close() }
        do {
            // One byte past the limit is enough to know; the size is looked up only then.
            let data = try handle.read(upToCount: limit + 1) ?? Data()
            if data.count > limit {
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? data.count
                throw SiteFileReadError.tooLarge(bytes: max(size, data.count))
            }
            return data
        } catch let error as SiteFileReadError {
            throw error
        } catch {
            throw SiteFileReadError.unreadable(reason: error.localizedDescription)
        }
    }
}
