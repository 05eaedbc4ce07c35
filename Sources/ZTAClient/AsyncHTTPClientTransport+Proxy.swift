import AsyncHTTPClient
import Foundation

extension AsyncHTTPClientTransport {
    /// The proxy variables of the environment, read by libcurl's rules.
    ///
    /// `URLSessionTransport` on Linux goes through libcurl, which honours `https_proxy`,
    /// `no_proxy` and the rest by itself; AsyncHTTPClient reads no environment, so this does it,
    /// to keep one behaviour whichever transport runs.
    struct EnvironmentProxies: Sendable, Hashable {
        /// libcurl's default port when a proxy names none.
        static let defaultPort = 1080

        private let environment: [String: String]

        init(_ environment: [String: String]) {
            // Only the variables libcurl reads, so that the value stays small and comparable.
            self.environment = environment.filter { $0.key.lowercased().hasSuffix("_proxy") }
        }

        /// The proxy for a request to `url`, or nil to connect directly.
        func proxy(for url: URL) -> HTTPClient.Configuration.Proxy? {
            guard let scheme = url.scheme?.lowercased(), let host = url.host, !bypasses(host) else { return nil }
            guard let value = variable(forScheme: scheme) else { return nil }
            return Self.parse(value)
        }

        /// libcurl: `http_proxy` in lower case only (an `HTTP_PROXY` can be set by a web server's
        /// CGI from a request header); `https_proxy` before `HTTPS_PROXY`; then `all_proxy`, `ALL_PROXY`.
        func variable(forScheme scheme: String) -> String? {
            var names = ["\(scheme)_proxy"]
            if scheme != "http" { names.append("\(scheme.uppercased())_PROXY") }
            names += ["all_proxy", "ALL_PROXY"]
            return names.lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        }

        /// `no_proxy` (else `NO_PROXY`): `*` alone bypasses every host; otherwise a comma or space
        /// separated list of names, each matching that host and its subdomains (a leading dot
        /// changes nothing), and of IP addresses or CIDR ranges, matched against address hosts.
        func bypasses(_ host: String) -> Bool {
            guard let list = ["no_proxy", "NO_PROXY"].lazy.compactMap({ self.environment[$0] }).first else { return false }
            let entries = list.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).map(String.init)
            if entries == ["*"] { return true }
            let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            let address = IPAddress(bare)
            return entries.contains { entry in
                if let address { return address.matches(entry) }
                return Self.nameMatches(bare, entry)
            }
        }

        static func nameMatches(_ host: String, _ entry: String) -> Bool {
            var pattern = entry.lowercased()
            while pattern.hasPrefix(".") { pattern.removeFirst() }
            if pattern.hasSuffix(".") { pattern.removeLast() }
            var name = host.lowercased()
            if name.hasSuffix(".") { name.removeLast() }
            guard !pattern.isEmpty else { return false }
            return name == pattern || name.hasSuffix("." + pattern)
        }

        /// `[http://][user:password@]host[:port][/]`; `socks5://` and `socks5h://` give a SOCKS
        /// proxy. Other schemes (an `https://` proxy, SOCKS4) are not supported by AsyncHTTPClient
        /// and are ignored, as if unset.
        static func parse(_ value: String) -> HTTPClient.Configuration.Proxy? {
            let withScheme = value.contains("://") ? value : "http://" + value
            guard let components = URLComponents(string: withScheme), let host = components.host, !host.isEmpty else { return nil }
            let bareHost = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            let port = components.port ?? defaultPort
            switch components.scheme?.lowercased() {
            case "http":
                let authorization = components.user.map { user in
                    HTTPClient.Authorization.basic(username: user.removingPercentEncoding ?? user,
                                                   password: components.password.map { $0.removingPercentEncoding ?? $0 } ?? "")
                }
                return .server(host: bareHost, port: port, authorization: authorization)
            case "socks5", "socks5h":
                return .socksServer(host: bareHost, port: port)
            default:
                return nil
            }
        }
    }
}
