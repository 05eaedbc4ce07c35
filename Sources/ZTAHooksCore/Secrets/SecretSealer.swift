import Crypto
import Foundation

/// Seals and opens `secret` values. The associated data binds the layout version, the site id
/// and the webhook id, so that a value copied onto another entry does not open.
public enum SecretSealer {
    /// Seals a secret for the entry of `siteId`/`id`, with a fresh random nonce.
    public static func seal(_ secret: String, siteId: String, id: String, key: SecretsKey) -> SealedSecret {
        // Sealing with a valid key and a fresh nonce cannot fail; a failure is a broken library.
        guard let box = try? AES.GCM.seal(Array(secret.utf8), using: key.symmetric, nonce: AES.GCM.Nonce(),
                                          authenticating: associatedData(siteId: siteId, id: id)),
              let combined = box.combined
        else { preconditionFailure("AES-GCM sealing failed") }
        return SealedSecret(base64: combined.base64EncodedString())
    }

    /// The secret, or `nil` when the value does not open with this key for this entry: another
    /// key, an altered value, or a value moved from another entry.
    public static func open(_ sealed: SealedSecret, siteId: String, id: String, key: SecretsKey) -> String? {
        guard let combined = Data(base64Encoded: sealed.base64), combined.count > 28,
              let box = try? AES.GCM.SealedBox(combined: combined),
              let plain = try? AES.GCM.open(box, using: key.symmetric, authenticating: associatedData(siteId: siteId, id: id))
        else { return nil }
        return String(bytes: plain, encoding: .utf8)
    }

    /// `ztahooks-secret`, the layout version, then site id and webhook id, each preceded by its
    /// length (4 bytes, big-endian) so that no two entries give the same bytes.
    static func associatedData(siteId: String, id: String) -> [UInt8] {
        var bytes = Array("ztahooks-secret".utf8)
        for part in ["\(SecretsFileCodec.version)", siteId, id] {
            let utf8 = Array(part.utf8)
            withUnsafeBytes(of: UInt32(utf8.count).bigEndian) { bytes += $0 }
            bytes += utf8
        }
        return bytes
    }
}
