import Foundation

/// The proxy for each scheme and the hosts that skip it, read once from the environment as
/// libcurl itself would read it, and handed to curl per transfer.
///
/// Taken out of curl's hands so that a transport's proxies are fixed when it is made: curl calls
/// `getenv` on every transfer, and a process that changes its environment meanwhile (a test
/// setting `HTTPS_PROXY`) would race those reads.
public struct CurlProxySettings: Sendable, Hashable {
    /// The proxy URL for `https://` targets and for `http://` ones; nil for none.
    public var https: String?
    public var http: String?
    /// Hosts reached directly, curl's `NO_PROXY` syntax (comma-separated names, `*` for all).
    public var noProxy: String?

    public init(https: String? = nil, http: String? = nil, noProxy: String? = nil) {
        self.https = https
        self.http = http
        self.noProxy = noProxy
    }

    /// libcurl's rules: `https_proxy` or `HTTPS_PROXY` for https; for http only the lowercase
    /// `http_proxy` (the uppercase one can be set by a CGI request's `Proxy:` header); else
    /// `all_proxy` or `ALL_PROXY`; `no_proxy` or `NO_PROXY`. Empty values count as unset.
    public init(environment: [String: String]) {
        func value(_ names: String...) -> String? {
            names.lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        }
        let all = value("all_proxy", "ALL_PROXY")
        self.init(https: value("https_proxy", "HTTPS_PROXY") ?? all, http: value("http_proxy") ?? all,
                  noProxy: value("no_proxy", "NO_PROXY"))
    }

    /// The proxy for a target URL; nil when it is reached directly.
    ///
    /// Plain `http://` is accepted for loopback hosts only, on the promise that the request (its
    /// bearer token included) never leaves the machine: such a URL is never sent to a proxy,
    /// which would see it in clear and could answer as the API.
    func proxy(for url: String) -> String? {
        // The scheme's six bytes, without lowercasing the whole URL on every transfer.
        if url.utf8.prefix(6).map({ $0 | 0x20 }).elementsEqual("https:".utf8) { return https }
        guard http != nil else { return nil }
        return Self.isLoopbackHTTP(url) ? nil : http
    }

    /// The proxy a request to `url` goes through (`NO_PROXY` left to curl, but named hosts
    /// honoured here too), for messages; nil when it is reached directly.
    public func proxyURL(for url: String) -> String? {
        guard let proxy = proxy(for: url) else { return nil }
        if let noProxy, let host = URLComponents(string: url)?.host?.lowercased() {
            let names = noProxy.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            if names.contains("*") || names.contains(where: { host == $0 || host.hasSuffix("." + $0.trimmingCharacters(in: CharacterSet(charactersIn: "."))) }) {
                return nil
            }
        }
        return proxy
    }

    /// Whether `url` is `http://` to a loopback host (`localhost`, `127.0.0.0/8`, `::1`).
    static func isLoopbackHTTP(_ url: String) -> Bool {
        guard let components = URLComponents(string: url), components.scheme?.lowercased() == "http",
              let host = components.host else { return false }
        return ClientConfiguration.isLoopback(host: host)
    }
}
