import Crypto
import Foundation

/// Checks the `X-ZTA-Signature` header of a delivery.
///
/// ZTA signs the raw request body with HMAC-SHA256, keyed with the webhook's whole secret
/// (`whsec_…`) as UTF-8 bytes, and sends `sha256=` followed by the lowercase hex digest. Verify
/// the body exactly as it arrived: parsing and re-encoding the JSON first may change its bytes.
///
/// ```swift
/// switch WebhookSignature.verify(body: body, header: request.headers["X-ZTA-Signature"], secret: secret) {
/// case .valid: // process the event
/// case .invalid(let reason): // answer 401, log reason
/// }
/// ```
public enum WebhookSignature {
    /// The scheme prefix of every signature header.
    public static let prefix = "sha256="

    /// Why a signature did not verify. None of the cases carries the secret or the expected digest.
    public enum Failure: Error, Hashable, Sendable, CustomStringConvertible {
        /// No `X-ZTA-Signature` header at all.
        case missingHeader
        /// The header is not `sha256=` followed by 64 hexadecimal digits.
        case malformedHeader
        /// The header is well-formed but does not match the body and the secret.
        case mismatch

        /// The reason in words, for a log line; it never quotes the secret or the expected digest.
        public var description: String {
            switch self {
            case .missingHeader: "no X-ZTA-Signature header"
            case .malformedHeader: "malformed X-ZTA-Signature header: expected sha256= and 64 hex digits"
            case .mismatch: "signature does not match the body and the secret"
            }
        }
    }

    /// The outcome of a verification.
    public enum Result: Hashable, Sendable {
        /// The header matches the body and the secret.
        case valid
        /// It does not, and why.
        case invalid(Failure)

        /// Whether the delivery may be processed.
        public var isValid: Bool { self == .valid }
    }

    /// Verifies `body` (the raw bytes received) against the header value, in constant time with
    /// respect to the digest.
    /// - Parameters:
    ///   - body: the request body exactly as received.
    ///   - header: the `X-ZTA-Signature` value, or `nil` when the header is absent.
    ///   - secret: the webhook's signing secret, as the API returned it at creation.
    public static func verify<Body: DataProtocol>(body: Body, header: String?, secret: String) -> Result {
        guard let header else { return .invalid(.missingHeader) }
        guard let given = digest(in: header) else { return .invalid(.malformedHeader) }
        let key = SymmetricKey(data: Data(secret.utf8))
        // swift-crypto compares authentication codes in constant time.
        return HMAC<SHA256>.isValidAuthenticationCode(given, authenticating: body, using: key)
            ? .valid : .invalid(.mismatch)
    }

    /// The header value ZTA would send for `body` signed with `secret`.
    public static func header<Body: DataProtocol>(body: Body, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return prefix + Hex.lowercase(mac)
    }

    /// The 32 digest bytes of a well-formed header; `nil` otherwise. Surrounding spaces are
    /// tolerated, as proxies sometimes add them; hex digits of either case are accepted.
    static func digest(in header: String) -> [UInt8]? {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix(prefix) else { return nil }
        let hex = Array(trimmed.utf8.dropFirst(prefix.utf8.count))
        guard hex.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        var index = 0
        while index < 64 {
            guard let high = nibble(hex[index]), let low = nibble(hex[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
