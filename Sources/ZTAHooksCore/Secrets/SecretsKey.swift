import Crypto
import Foundation

/// The key that seals every secret in the secrets file: 32 random bytes, given as base64
/// (`ZTAHOOKS_SECRETS_KEY` or a key file). Never printed: its description is its id.
public struct SecretsKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    let symmetric: SymmetricKey
    /// The first 16 hex digits of the key's SHA-256: names the key in the file and in errors,
    /// so that a wrong key is told apart from a damaged value without revealing either.
    public let id: String

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

/// How the secrets file's `secret` values are sealed: the file's top-level `"encryption"`.
public struct SecretsEncryption: Hashable, Sendable {
    /// The only algorithm this build writes and reads.
    public static let aes256GCM = "AES-256-GCM"

    public var algorithm: String
    /// The id of the key every value is sealed with (`SecretsKey.id`).
    public var keyId: String

    public init(algorithm: String = SecretsEncryption.aes256GCM, keyId: String) {
        self.algorithm = algorithm
        self.keyId = keyId
    }
}

/// A `secret` value sealed with AES-256-GCM: base64 of nonce (12 bytes), ciphertext and tag
/// (16 bytes). Opaque without the key; written back unchanged while its secret is unchanged,
/// so that a fold does not rewrite every line of a committed file with fresh nonces.
public struct SealedSecret: Hashable, Sendable {
    public var base64: String

    public init(base64: String) {
        self.base64 = base64
    }
}
