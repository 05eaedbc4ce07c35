import Crypto
import Foundation

/// The key that seals every secret in the secrets file: 32 random bytes, given as base64
/// (`ZTAHOOKS_SECRETS_KEY` or a key file). Never printed: its description is its id.
public struct SecretsKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    let symmetric: SymmetricKey
    /// The first 16 hex digits of the key's SHA-256: names the key in the file and in errors,
    /// so that a wrong key is told apart from a damaged value without revealing either.
    public let id: String
    /// Where the key came from, for messages: e.g. `ZTAHOOKS_SECRETS_KEY`; `nil` when unknown.
    public var source: String?

    /// Why a text is not a key. Messages never quote the text.
    public enum Invalid: Error, Hashable, Sendable {
        case notBase64
        case wrongLength(Int)
    }

    /// Reads a key from its base64 text; surrounding spaces and line breaks (a key file ending in
    /// a newline) are ignored.
    public init(base64 text: String) throws(Invalid) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let data = Data(base64Encoded: trimmed) else { throw .notBase64 }
        guard data.count == 32 else { throw .wrongLength(data.count) }
        self.init(bytes: [UInt8](data))
    }

    init(bytes: [UInt8]) {
        symmetric = SymmetricKey(data: bytes)
        id = SHA256.hash(data: bytes).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// A new key from the system's secure random source.
    public static func generate() -> SecretsKey {
        var random = SystemRandomNumberGenerator()
        return SecretsKey(bytes: (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &random) })
    }

    /// The key's text, for `ztahooks secrets keygen` only.
    public var base64: String {
        symmetric.withUnsafeBytes { Data($0).base64EncodedString() }
    }

    public var description: String { "SecretsKey(\(id))" }
    public var debugDescription: String { description }
}
