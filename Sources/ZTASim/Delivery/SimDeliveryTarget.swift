import Foundation

/// A delivery's request target once routes are applied.
struct SimDeliveryTarget: Equatable {
    /// Where the request is sent.
    var url: URL
    /// The `Host` header to send instead of the one `url` implies; `nil` when not routed.
    var hostHeader: String?
    /// `ADDR:PORT` of the route taken; `nil` when not routed.
    var routedTo: String?

    /// The target of a delivery to `webhookURL`: the URL itself, or, when its host has a route, that
    /// route's address with the same path and query. `nil` when the URL cannot be parsed.
    init?(webhookURL: String, routes: [String: SimRoute]) {
        guard let original = URL(string: webhookURL) else { return nil }
        guard let components = URLComponents(string: webhookURL), let host = components.host,
            let route = routes[host.lowercased()]
        else {
            self.init(url: original, hostHeader: nil, routedTo: nil)
            return
        }
        var routed = URLComponents()
        routed.scheme = "http"
        routed.percentEncodedHost = Self.reachableHost(route.address)
        routed.port = route.port
        routed.percentEncodedPath = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        routed.percentEncodedQuery = components.percentEncodedQuery
        guard let url = routed.url else { return nil }
        // The authority the receiver would have seen without the route: the port only when it is
        // not the scheme's default, as HTTP clients write it.
        let defaultPort = components.scheme?.lowercased() == "http" ? 80 : 443
        let hostHeader = components.port.map { $0 == defaultPort ? host : "\(host):\($0)" } ?? host
        self.init(url: url, hostHeader: hostHeader, routedTo: route.authority)
    }

    private init(url: URL, hostHeader: String?, routedTo: String?) {
        self.url = url
        self.hostHeader = hostHeader
        self.routedTo = routedTo
    }

    /// Linux's URLSession refuses URLs whose host is an IPv6 address (it compares curl's `[::1]`
    /// with its own `::1`), so the IPv6 loopback is reached as `localhost`, which curl resolves to
    /// `::1` and `127.0.0.1`: the request still never leaves the machine.
    private static func reachableHost(_ address: String) -> String {
        #if canImport(FoundationNetworking)
        return address == "[::1]" ? "localhost" : address
        #else
        return address
        #endif
    }
}
