import Foundation
import ZTAHooksCore

/// Creates files without ever replacing one.
enum ScaffoldWriter {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Creates `path` (and its directories); fails when it exists, even if it appeared a moment ago.
    static func create(_ path: String, text: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw Failure(description: errno == EEXIST ? "\(path) appeared while init ran; it was left as it is"
                : "cannot create \(path): \(FileOpenProblem.describe(errno: errno, path: path))")
        }
        defer { close(descriptor) }
        try write(text, to: descriptor, path: path)
    }

    /// Appends to an existing file (the `.gitignore` lines), after a line break if it lacks one.
    static func append(_ text: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(description: "cannot add to \(path): \(FileOpenProblem.describe(errno: errno, path: path))") }
        defer { close(descriptor) }
        let existing = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        try write((existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n") + text, to: descriptor, path: path)
    }

    private static func write(_ text: String, to descriptor: Int32, path: String) throws {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))") }
            offset += count
        }
    }
}
