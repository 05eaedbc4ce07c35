import Foundation

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
        if url.contains(where: { $0.isWhitespace }) {
            return Problem(message: "URL contains whitespace", hint: "percent-encode spaces as %20")
        }
        guard let schemeEnd = url.range(of: "://") else {
            return Problem(
                message: "URL must be absolute, such as https://hooks.example.com/zta",
                hint: "the ZTA API needs the full address of your receiver"
            )
        }
        let scheme = url[..<schemeEnd.lowerBound]
        let rest = url[schemeEnd.upperBound...]
        switch scheme {
        case "https":
            break
        case _ where scheme.lowercased() == "https":
            return Problem(message: "URL scheme must be lowercase: write 'https://'", hint: nil)
        case _ where scheme.lowercased() == "http":
            return Problem(
                message: "URL must use HTTPS; the ZTA API rejects http:// URLs",
                hint: "use https://\(rest)"
            )
        default:
            return Problem(message: "URL must use https://, found '\(scheme)://'", hint: nil)
        }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        if authority.contains("@") {
            return Problem(
                message: "URL contains credentials (user:password@); a password in git is a leaked password",
                hint: "remove them; receivers authenticate deliveries by their X-ZTA-Signature"
            )
        }
        if url.contains("#") {
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
            return Problem(message: "URL has an invalid port '\(port)'", hint: "a port is a number from 1 to 65535")
        }
        guard let components = URLComponents(string: url), components.host?.isEmpty == false else {
            return Problem(message: "URL is not valid", hint: "percent-encode characters such as spaces, quotes and brackets")
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
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
