/// One entry of `allowedHosts`: an exact host, or `*.example.com` for its subdomains.
///
/// A wildcard stands for one or more whole labels and never for the apex: `*.example.com`
/// allows `a.example.com` and `a.b.example.com` but not `example.com`, which is listed on its
/// own when wanted (as TLS certificates do, except that they allow one label only). Hosts compare
/// case-insensitively with a trailing dot dropped; the port is not part of the host.
public enum HostPattern: Hashable, Sendable, CustomStringConvertible {
    case exact(String)
    case subdomains(of: String)

    /// Why `text` is not a host pattern, for the parser's message and hint.
    public struct Problem: Error, Equatable, Sendable {
        public var message: String
        public var hint: String?
    }

    /// Parses a pattern as written in the project file.
    public init(parsing text: String) throws(Problem) {
        if text.contains("://") || text.contains("/") {
            throw Problem(message: "'\(text)' is not a host", hint: "write the host alone, without scheme or path, such as hooks.example.com")
        }
        var host = Self.normalized(text)
        let isWildcard = host.hasPrefix("*.")
        if isWildcard { host.removeFirst(2) }
        if host.contains("*") {
            throw Problem(
                message: "'\(text)': '*' may only stand for the leading labels",
                hint: "write *.example.com for every subdomain of example.com"
            )
        }
        if !host.hasPrefix("["), host.contains(":") {
            throw Problem(message: "'\(text)' has a port", hint: "list hosts without ports; any port of an allowed host is allowed")
        }
        guard Self.isValidHost(host) else {
            throw Problem(
                message: "'\(text)' is not a valid host name",
                hint: "use letters, digits, '-' and '.', such as hooks.example.com or *.example.com"
            )
        }
        self = isWildcard ? .subdomains(of: host) : .exact(host)
    }

    /// Whether a URL's host is allowed by this pattern.
    public func matches(host: String) -> Bool {
        let host = Self.normalized(host)
        switch self {
        case .exact(let allowed):
            return host == allowed
        case .subdomains(let domain):
            return host.hasSuffix("." + domain) && host.count > domain.count + 1
        }
    }

    /// The pattern as a user writes it.
    public var description: String {
        switch self {
        case .exact(let host): host
        case .subdomains(let domain): "*." + domain
        }
    }

    /// ASCII lower case without a trailing dot: `Hooks.Example.COM.` is `hooks.example.com`.
    static func normalized(_ host: String) -> String {
        var host = String(host.lowercased())
        if host.hasSuffix("."), host.count > 1 { host.removeLast() }
        return host
    }

    /// The host of an absolute URL, without userinfo and port; nil when there is none.
    public static func host(ofURL url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        var authority = url[schemeEnd.upperBound...].prefix { !"/?#".contains($0) }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            return String(authority[...close])
        }
        let host = authority.prefix { $0 != ":" }
        return host.isEmpty ? nil : String(host)
    }

    /// DNS names of letters, digits, `-` and `_` in labels of 1 to 63, or a bracketed IPv6 address.
    private static func isValidHost(_ host: String) -> Bool {
        if host.hasPrefix("[") {
            return host.hasSuffix("]") && host.count > 2
                && host.dropFirst().dropLast().allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        }
        guard !host.isEmpty, host.utf8.count <= 253 else { return false }
        return host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            (1...63).contains(label.utf8.count) && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
        }
    }
}
