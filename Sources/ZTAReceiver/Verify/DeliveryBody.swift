import Foundation
import ZTAHooksCore

/// A delivery's body as `verify` reads it: raw bytes from a file or standard input, refused
/// above the API's payload limit so that a wrong file or an endless pipe cannot fill memory.
public enum DeliveryBody {
    /// 1 MB, the API document's payload limit.
    public static let limit = 1_048_576

    public enum Failure: Error {
        case unreadable(source: String, reason: String)
        case tooLarge(source: String)

        public var message: String {
            switch self {
            case .unreadable(let source, let reason): "cannot read \(source.displaySafe): \(reason)"
            case .tooLarge(let source): "\(source.displaySafe) is larger than 1 MB (\(DeliveryBody.limit) bytes), the API's payload limit; no delivery is that large"
            }
        }
    }

    /// The system's words for a read error, never Foundation's domain and code.
    private static func words(_ error: any Error) -> String {
        if let posix = (error as? CocoaError)?.underlying as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        return "read failed"
    }

    /// The bytes of `path`, or of standard input when `path` is nil or `-`.
    public static func read(path: String?) throws(Failure) -> Data {
        let source = path.flatMap { $0 == "-" ? nil : $0 }
        let name = source ?? "standard input"
        let handle: FileHandle
        if let source {
            // A directory opens (and then fails to read with a Foundation error code): say what it is.
            if FileOpenProblem.isDirectory(source) {
                throw .unreadable(source: name, reason: "it is a directory; give the file that holds the delivery's raw body")
            }
            guard let opened = FileHandle(forReadingAtPath: source) else {
                throw .unreadable(source: name, reason: FileOpenProblem.whyUnopenable(source))
            }
            handle = opened
        } else {
            handle = .standardInput
        }
        defer { if source != nil { try? handle.close() } }
        var body = Data()
        do {
            // One byte past the limit tells a body at the limit from one above it.
            while body.count <= limit, let chunk = try handle.read(upToCount: limit + 1 - body.count), !chunk.isEmpty {
                body.append(chunk)
            }
        } catch {
            throw .unreadable(source: name, reason: Self.words(error))
        }
        guard body.count <= limit else { throw .tooLarge(source: name) }
        return body
    }
}
