/// A `secret` value sealed with AES-256-GCM: base64 of nonce (12 bytes), ciphertext and tag
/// (16 bytes). Opaque without the key; written back unchanged while its secret is unchanged,
/// so that a fold does not rewrite every line of a committed file with fresh nonces.
public struct SealedSecret: Hashable, Sendable {
    public var base64: String

    public init(base64: String) {
        self.base64 = base64
    }
}
