/// Identity of a webhook URL: how a declared webhook finds its live twin.
///
/// Scheme and host compare case-insensitively and a default port is dropped, so that
/// `HTTPS://Hooks.Example.com:443/x` and `https://hooks.example.com/x` are one webhook.
/// Path, query and their case are kept as they are: receivers may route on them.
public enum WebhookURL {
    public static func normalized(_ raw: String) -> String {
        // Byte-level into one buffer: validation and planning call this for every webhook.
        var raw = raw
        return raw.withUTF8 { normalized($0) } ?? raw
    }

    /// nil when there is no `://`: the text is then its own identity.
    private static func normalized(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let schemeEnd = URLBytes.firstSchemeSeparator(in: bytes) else { return nil }
        let authorityStart = schemeEnd + 3
        let authorityEnd = URLBytes.authorityEnd(in: bytes, from: authorityStart)
        // Userinfo is never part of identity (and is rejected by validation anyway).
        let hostStart = bytes[authorityStart..<authorityEnd].lastIndex(of: UInt8(ascii: "@")).map { $0 + 1 } ?? authorityStart
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 1)
        for byte in bytes[..<schemeEnd] { out.append(URLBytes.lowercased(byte)) }
        let defaultPort = out.elementsEqual("https".utf8) ? ":443" : out.elementsEqual("http".utf8) ? ":80" : nil
        out.append(contentsOf: "://".utf8)
        let authorityOut = out.count
        for byte in bytes[hostStart..<authorityEnd] { out.append(URLBytes.lowercased(byte)) }
        if let defaultPort, out.count - authorityOut >= defaultPort.utf8.count, out.suffix(defaultPort.utf8.count).elementsEqual(defaultPort.utf8) {
            out.removeLast(defaultPort.utf8.count)
        }
        if authorityEnd < bytes.count {
            out.append(contentsOf: bytes[authorityEnd...])
        } else {
            out.append(UInt8(ascii: "/"))
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// The byte-level pieces of URL handling that identity and validation share.
enum URLBytes {
    /// Where the first `://` starts.
    static func firstSchemeSeparator(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count >= 3 else { return nil }
        for start in 0...(bytes.count - 3)
        where bytes[start] == UInt8(ascii: ":") && bytes[start + 1] == UInt8(ascii: "/") && bytes[start + 2] == UInt8(ascii: "/") {
            return start
        }
        return nil
    }

    /// The end of the authority that starts at `start`: the first `/`, `?` or `#`, or the end.
    static func authorityEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "/"), bytes[end] != UInt8(ascii: "?"), bytes[end] != UInt8(ascii: "#") {
            end += 1
        }
        return end
    }

    /// ASCII lower-casing; other bytes (an internationalised host) are kept as written.
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }
}
