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
