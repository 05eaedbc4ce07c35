import Testing
@testable import ZTAHooksCore

/// URL validation and identity now run on bytes. These tests hold them to the Character-level
/// versions they replaced (kept below as the reference) over random URLs built from the pieces
/// where the two could part: delimiters, ports, brackets, percent signs, case, non-ASCII letters
/// and combining marks. Identity must agree exactly; validation must accept and refuse the same
/// URLs, and on ASCII input say the same thing. Seeds as in the property tests:
/// `ZTAHOOKS_PROPERTY_SEED` reruns one case.
struct WebhookURLByteLevelTests {
    private static let pieces = [
        "https", "HTTPS", "Https", "http", "ftp", "://", "://", ":", "/", "//", "?", "#", "@", "[", "]", "::1", "443", "80",
        "8443", "99999", "65535", "0", "%", "%2", "%41", "%zz", "a", "Hooks", ".example.com", "hooks.example.com", " ",
        "\t", "\r\n", "é", "\u{301}", "{", "\"", "-", "_", "~", "user:pw", "ſ", "\u{212A}", "ẞ", "",
    ]

    private static func url(_ random: inout PropertyRandom) -> String {
        var text = random.chance(0.7) ? random.pick(["https://", "HTTPS://", "http://", ""]) : ""
        for _ in 0..<random.int(0...8) { text += random.pick(pieces) }
        return text
    }

    @Test func identityAndValidationAgreeWithTheCharacterLevelVersions() {
        for seed in PropertySeeds(defaultCases: 20_000) {
            var random = PropertyRandom(seed: seed)
            let url = Self.url(&random)
            #expect(WebhookURL.normalized(url) == Reference.normalized(url), "seed \(seed): \(url.debugDescription)")
            let problem = WebhookURLRule.check(url)
            let expected = Reference.check(url)
            #expect((problem == nil) == (expected == nil), "seed \(seed): \(url.debugDescription)")
            if url.utf8.allSatisfy({ $0 < 0x80 }) {
                #expect(problem == expected, "seed \(seed): \(url.debugDescription)")
            }
        }
    }

    @Test(arguments: [
        "https://[::1]:8443/x", "https://[::1]/x", "https://[::1]:/x", "https://host:0/x", "https://host:65536/x",
        "https://host:00443/x", "https://:443/x", "https://a@b/x", "https://h/x#f", "HTTP://h/x", "Https://h/x",
        "ws://h/x", "https://h/%4", "https://h/%41", "https://h:é/x", "https://h/é", "https://h:\u{301}80/x",
    ])
    func edgeURLsAgreeWithTheCharacterLevelVersions(url: String) {
        #expect(WebhookURL.normalized(url) == Reference.normalized(url))
        #expect((WebhookURLRule.check(url) == nil) == (Reference.check(url) == nil))
    }
}

/// The Character-level implementations as they were before the byte-level rewrite (the final
/// character table, byte-level in both, is the rule's own).
private enum Reference {
    static func check(_ url: String) -> WebhookURLRule.Problem? {
        if url.isEmpty {
            return WebhookURLRule.Problem(message: "'url' must not be empty", hint: "such as https://hooks.example.com/zta")
        }
        // Byte-level checks: Foundation's string search and URL parsing cost more than the
        // whole rest of validation on a large tree.
        let bytes = Array(url.utf8)
        if bytes.contains(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            return WebhookURLRule.Problem(message: "URL contains whitespace", hint: "percent-encode spaces as %20")
        }
        guard let schemeEnd = firstIndex(of: Array("://".utf8), in: bytes) else {
            return WebhookURLRule.Problem(
                message: "URL must be absolute, such as https://hooks.example.com/zta",
                hint: "the ZTA API needs the full address of your receiver"
            )
        }
        let scheme = String(decoding: bytes[..<schemeEnd], as: UTF8.self)
        let rest = String(decoding: bytes[(schemeEnd + 3)...], as: UTF8.self)
        switch scheme {
        case "https":
            break
        case _ where scheme.lowercased() == "https":
            return WebhookURLRule.Problem(message: "URL scheme must be lowercase: write 'https://'", hint: nil)
        case _ where scheme.lowercased() == "http":
            return WebhookURLRule.Problem(
                message: "URL must use HTTPS; the ZTA API rejects http:// URLs",
                hint: "use https://\(rest)"
            )
        default:
            return WebhookURLRule.Problem(message: "URL must use https://, found '\(scheme)://'", hint: nil)
        }
        let restBytes = bytes[(schemeEnd + 3)...]
        let authorityEnd = restBytes.firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") })
            ?? restBytes.endIndex
        let authority = Substring(String(decoding: restBytes[..<authorityEnd], as: UTF8.self))
        if authority.contains("@") {
            return WebhookURLRule.Problem(
                message: "URL contains credentials (user:password@); a password in git is a leaked password",
                hint: "remove them; receivers authenticate deliveries by their X-ZTA-Signature"
            )
        }
        if bytes.contains(UInt8(ascii: "#")) {
            return WebhookURLRule.Problem(
                message: "URL has a fragment ('#...'), which is never sent to the receiver",
                hint: "remove everything from '#'"
            )
        }
        let (host, port) = splitHostPort(authority)
        if host.isEmpty {
            return WebhookURLRule.Problem(message: "URL has no host", hint: "such as https://hooks.example.com/zta")
        }
        if let port, !isValidPort(port) {
            return WebhookURLRule.Problem(message: "URL has an invalid port '\(port)'", hint: "a port is a number from 1 to 65535")
        }
        if !bytes.withUnsafeBufferPointer(WebhookURLRule.hasOnlyURLCharacters) {
            return WebhookURLRule.Problem(
                message: "URL is not valid: it holds characters a URL cannot carry as they are",
                hint: "percent-encode characters such as quotes, braces and non-ASCII letters"
            )
        }
        return nil
    }

    private static func firstIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
            if Array(bytes[start..<start + needle.count]) == needle { return start }
        }
        return nil
    }

    private static func isValidPort(_ port: Substring) -> Bool {
        guard !port.isEmpty, port.count <= 5, port.allSatisfy(\.isASCIIDigit), let number = Int(port) else { return false }
        return (1...65535).contains(number)
    }

    /// `host:port`, minding IPv6 literals such as `[::1]:8443`.
    private static func splitHostPort(_ authority: Substring) -> (host: Substring, port: Substring?) {
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            let host = authority[...close]
            let after = authority[authority.index(after: close)...]
            return after.hasPrefix(":") ? (host, after.dropFirst()) : (host, nil)
        }
        guard let colon = authority.lastIndex(of: ":") else { return (authority, nil) }
        return (authority[..<colon], authority[authority.index(after: colon)...])
    }

    static func normalized(_ raw: String) -> String {
        // Byte-level on the UTF-8 view: validation and planning call this for every webhook.
        let bytes = Array(raw.utf8)
        guard let schemeEnd = find(bytes, "://") else { return raw }
        let authorityStart = schemeEnd + 3
        var authorityEnd = authorityStart
        while authorityEnd < bytes.count, !"/?#".utf8.contains(bytes[authorityEnd]) { authorityEnd += 1 }
        // Userinfo is never part of identity (and is rejected by validation anyway).
        var hostStart = authorityStart
        if let at = bytes[authorityStart..<authorityEnd].lastIndex(of: UInt8(ascii: "@")) { hostStart = at + 1 }

        let scheme = lowercasedBytes(bytes[0..<schemeEnd])
        var authority = lowercasedBytes(bytes[hostStart..<authorityEnd])
        let defaultPort: [UInt8]? = scheme == Array("https".utf8) ? Array(":443".utf8) : scheme == Array("http".utf8) ? Array(":80".utf8) : nil
        if let defaultPort, authority.count >= defaultPort.count, Array(authority.suffix(defaultPort.count)) == defaultPort {
            authority.removeLast(defaultPort.count)
        }
        var out = scheme + Array("://".utf8) + authority
        out += authorityEnd < bytes.count ? Array(bytes[authorityEnd...]) : [UInt8(ascii: "/")]
        return String(decoding: out, as: UTF8.self)
    }

    private static func find(_ bytes: [UInt8], _ needle: String) -> Int? {
        let needle = Array(needle.utf8)
        guard bytes.count >= needle.count else { return nil }
        for start in 0...(bytes.count - needle.count) where bytes[start..<start + needle.count].elementsEqual(needle) {
            return start
        }
        return nil
    }

    /// ASCII lower-casing; other bytes (an internationalised host) are kept as written.
    private static func lowercasedBytes(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        bytes.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
