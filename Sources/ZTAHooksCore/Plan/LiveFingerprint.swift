import Crypto
import Foundation

/// Fingerprints that let a saved plan notice that the world moved on.
public enum LiveFingerprint {
    /// SHA-256 over a site's live webhooks (id, normalised URL, sorted events, active), order-free.
    public static func of(_ live: [LiveWebhook]) -> String {
        live.isEmpty ? ofNone : digest(live)
    }

    /// A site with no live webhook (every site of a first plan): one string shared by them all.
    private static let ofNone = digest([])

    private static func digest(_ live: [LiveWebhook]) -> String {
        let lines = live
            .map { "\($0.id)\t\($0.identity)\t\($0.events.sorted().joined(separator: ","))\t\($0.active)" }
            .sorted()
            .joined(separator: "\n")
        return "sha256:" + hex(SHA256.hash(data: Data(lines.utf8)))
    }

    /// SHA-256 over site files: each path and its bytes, in path order.
    public static func ofSources(_ files: [(path: String, contents: Data)]) -> String {
        var hasher = SourceHasher()
        for file in files.sorted(by: { $0.path < $1.path }) { hasher.add(path: file.path, contents: file.contents) }
        return hasher.value()
    }

    /// `ofSources` a file at a time, for files given in path order: the loader hashes each file
    /// as it is read rather than keep every file's bytes until the end.
    public struct SourceHasher: Sendable {
        private var hasher = SHA256()

        public init() {}

        public mutating func add(path: String, contents: Data) {
            hasher.update(data: Data(path.utf8))
            hasher.update(data: Data([0]))
            hasher.update(data: Data(String(contents.count).utf8))
            hasher.update(data: Data([0]))
            hasher.update(data: contents)
        }

        public func value() -> String { "sha256:" + LiveFingerprint.hex(hasher.finalize()) }
    }

    private static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
