import Crypto
import Foundation

/// The `X-ZTA-Signature` of a delivery: `sha256=` and the hex HMAC-SHA256 of the raw body, keyed
/// with the whole `whsec_…` secret as UTF-8, which is what both of the document's snippets compute.
public enum SimSignature {
    public static func header(body: Data, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }
}
