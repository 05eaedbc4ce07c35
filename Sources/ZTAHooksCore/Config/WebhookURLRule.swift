/// What a webhook URL must be: absolute `https://` with a host, no credentials, no fragment.
///
/// Checked by hand rather than by `SiteFormat.urlPattern` so that each way of being wrong gets
/// its own message; the schema test keeps the two in agreement on a table of URLs.
enum WebhookURLRule {
    struct Problem: Equatable {
        var message: String
        var hint: String?
    }

    static func check(_ url: String) -> Problem? {
        if url.isEmpty {
            return Problem(message: "'url' must not be empty", hint: "such as https://hooks.example.com/zta")
        }
        // Byte-level checks: Foundation's string search and URL parsing cost more than the
        // whole rest of validation on a large tree. A URL that passes is ASCII, where bytes and
        // characters are one; on other input only the wording of the first error could differ.
        var url = url
        return url.withUTF8 { check(bytes: $0) }
    }

    private static func check(bytes: UnsafeBufferPointer<UInt8>) -> Problem? {
        if bytes.contains(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            return Problem(message: "URL contains whitespace", hint: "percent-encode spaces as %20")
        }
        guard let schemeEnd = URLBytes.firstSchemeSeparator(in: bytes) else {
            return Problem(
                message: "URL must be absolute, such as https://hooks.example.com/zta",
                hint: "the ZTA API needs the full address of your receiver"
            )
        }
        let scheme = bytes[..<schemeEnd]
        if !scheme.elementsEqual("https".utf8) {
            let lowered = scheme.map(URLBytes.lowercased)
            let text = String(decoding: scheme, as: UTF8.self)
            if lowered.elementsEqual("https".utf8) {
                return Problem(message: "URL scheme must be lowercase: write 'https://'", hint: nil)
            }
            if lowered.elementsEqual("http".utf8) {
                return Problem(
                    message: "URL must use HTTPS; the ZTA API rejects http:// URLs",
                    hint: "use https://\(String(decoding: bytes[(schemeEnd + 3)...], as: UTF8.self))"
                )
            }
            return Problem(message: "URL must use https://, found '\(text)://'", hint: nil)
        }
        let authorityStart = schemeEnd + 3
        let authorityEnd = URLBytes.authorityEnd(in: bytes, from: authorityStart)
        let authority = bytes[authorityStart..<authorityEnd]
        if authority.contains(UInt8(ascii: "@")) {
            return Problem(
                message: "URL contains credentials (user:password@); a password in git is a leaked password",
                hint: "remove them; receivers authenticate deliveries by their X-ZTA-Signature"
            )
        }
        if bytes.contains(UInt8(ascii: "#")) {
            return Problem(
                message: "URL has a fragment ('#...'), which is never sent to the receiver",
                hint: "remove everything from '#'"
            )
        }
        let (host, port) = splitHostPort(authority)
        if host.isEmpty {
            return Problem(message: "URL has no host", hint: "such as https://hooks.example.com/zta")
        }
        if let port, !isValidPort(port) {
            return Problem(message: "URL has an invalid port '\(String(decoding: port, as: UTF8.self))'", hint: "a port is a number from 1 to 65535")
        }
        if !hasOnlyURLCharacters(bytes) {
            return Problem(
                message: "URL is not valid: it holds characters a URL cannot carry as they are",
                hint: "percent-encode characters such as quotes, braces and non-ASCII letters"
            )
        }
        return nil
    }

    /// RFC 3986: unreserved and reserved characters, and well-formed percent-encodings.
    static func hasOnlyURLCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "%") {
                guard i + 2 < bytes.count, isHexDigit(bytes[i + 1]), isHexDigit(bytes[i + 2]) else { return false }
                i += 3
                continue
            }
            guard allowedURLBytes[Int(byte)] else { return false }
            i += 1
        }
        return true
    }

    /// A lookup table by byte value: faster than a set in a loop over every byte of every URL.
    private static let allowedURLBytes: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=".utf8 {
            table[Int(byte)] = true
        }
        return table
    }()

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
    }

    private static func isValidPort(_ port: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard !port.isEmpty, port.count <= 5, port.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return false }
        let number = port.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        return (1...65535).contains(number)
    }

    /// `host:port`, minding IPv6 literals such as `[::1]:8443`.
    private static func splitHostPort(_ authority: Slice<UnsafeBufferPointer<UInt8>>)
        -> (host: Slice<UnsafeBufferPointer<UInt8>>, port: Slice<UnsafeBufferPointer<UInt8>>?) {
        if authority.first == UInt8(ascii: "["), let close = authority.firstIndex(of: UInt8(ascii: "]")) {
            let host = authority[...close]
            let after = authority[(close + 1)...]
            return after.first == UInt8(ascii: ":") ? (host, after.dropFirst()) : (host, nil)
        }
        guard let colon = authority.lastIndex(of: UInt8(ascii: ":")) else { return (authority, nil) }
        return (authority[..<colon], authority[(colon + 1)...])
    }
}
