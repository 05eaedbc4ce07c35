/// Identity of a webhook URL: how a declared webhook finds its live twin.
///
/// Scheme and host compare case-insensitively and a default port is dropped, so that
/// `HTTPS://Hooks.Example.com:443/x` and `https://hooks.example.com/x` are one webhook.
/// Path, query and their case are kept as they are: receivers may route on them.
public enum WebhookURL {
    public static func normalized(_ raw: String) -> String {
        // Byte-level on the UTF-8 view: validation and planning call this for every webhook.
        let bytes = Array(raw.utf8)
        guard let schemeEnd = find(bytes, "://") else { return raw }
        let authorityStart = schemeEnd + 3
        var authorityEnd = authorityStart
        while authorityEnd < bytes.count, !"/?#".utf8.contains(bytes[authorityEnd]) { authorityEnd += 1 }
        // Userinfo is never part of identity (and is rejected by validation anyway).
        var hostStart = authorityStart
        if let at = bytes[authorityStart..<authorityEnd].lastIndex(of: UInt8(ascii: "@")) { hostStart = at + 1 }

        let scheme = lowercased(bytes[0..<schemeEnd])
        var authority = lowercased(bytes[hostStart..<authorityEnd])
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
    private static func lowercased(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        bytes.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }
    }
}
