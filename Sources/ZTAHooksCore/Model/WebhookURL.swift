/// Identity of a webhook URL: how a declared webhook finds its live twin.
///
/// Scheme and host compare case-insensitively and a default port is dropped, so that
/// `HTTPS://Hooks.Example.com:443/x` and `https://hooks.example.com/x` are one webhook.
/// Path, query and their case are kept as they are: receivers may route on them.
public enum WebhookURL {
    public static func normalized(_ raw: String) -> String {
        guard let schemeEnd = raw.range(of: "://") else { return raw }
        let scheme = raw[..<schemeEnd.lowerBound].lowercased()
        let rest = raw[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        var authority = String(rest[..<authorityEnd])
        var tail = String(rest[authorityEnd...])
        // Userinfo is never part of identity (and is rejected by validation anyway).
        if let at = authority.lastIndex(of: "@") {
            authority = String(authority[authority.index(after: at)...])
        }
        authority = authority.lowercased()
        let defaultPort = scheme == "https" ? ":443" : scheme == "http" ? ":80" : nil
        if let defaultPort, authority.hasSuffix(defaultPort) {
            authority.removeLast(defaultPort.count)
        }
        if tail.isEmpty { tail = "/" }
        return "\(scheme)://\(authority)\(tail)"
    }
}
