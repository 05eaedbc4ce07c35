import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import ZTAClient

/// The AsyncHTTPClient transport reads the proxy variables as libcurl (and so URLSession on
/// Linux) does, and really goes through the proxy they name.
@Suite struct EnvironmentProxiesTests {
    private typealias Proxies = AsyncHTTPClientTransport.EnvironmentProxies

    private func proxied(_ url: String, _ environment: [String: String]) -> String? {
        Proxies(environment).proxy(for: URL(string: url)!).map { "\($0.host):\($0.port)" }
    }

    @Test func eachSchemeReadsItsOwnVariableThenAllProxy() {
        #expect(proxied("https://ztas.io", ["HTTPS_PROXY": "http://p:3128"]) == "p:3128")
        #expect(proxied("https://ztas.io", ["https_proxy": "low:1", "HTTPS_PROXY": "up:2"]) == "low:1")
        #expect(proxied("https://ztas.io", ["ALL_PROXY": "all:8"]) == "all:8")
        #expect(proxied("https://ztas.io", ["http_proxy": "h:1"]) == nil)
        #expect(proxied("http://ztas.io", ["http_proxy": "h:1"]) == "h:1")
        // Like libcurl: no upper-case HTTP_PROXY, which a CGI request header can set.
        #expect(proxied("http://ztas.io", ["HTTP_PROXY": "h:1"]) == nil)
        #expect(proxied("https://ztas.io", ["HTTPS_PROXY": ""]) == nil)
    }

    @Test func aProxyWithoutAPortUsesLibcurlsDefault() {
        #expect(proxied("https://ztas.io", ["HTTPS_PROXY": "proxy.corp"]) == "proxy.corp:1080")
    }

    @Test func credentialsAndSchemesOfTheProxyURL() throws {
        let basic = try #require(Proxies(["HTTPS_PROXY": "http://ann:p%40ss@p:3128"]).proxy(for: URL(string: "https://ztas.io")!))
        #expect(basic.authorization == .basic(username: "ann", password: "p@ss"))
        let socks = try #require(Proxies(["HTTPS_PROXY": "socks5h://s:1081"]).proxy(for: URL(string: "https://ztas.io")!))
        #expect(socks == .socksServer(host: "s", port: 1081))
        #expect(proxied("https://ztas.io", ["HTTPS_PROXY": "https://tls-proxy:443"]) == nil)
    }

    @Test(arguments: [
        ("ztas.io", "https://ztas.io", true),
        ("ztas.io", "https://api.ztas.io", true),
        (".ztas.io", "https://api.ztas.io", true),
        ("ZTAS.IO", "https://ztas.io", true),
        ("tas.io", "https://ztas.io", false),
        ("example.com, ztas.io", "https://ztas.io", true),
        ("*", "https://ztas.io", true),
        ("*.ztas.io", "https://ztas.io", false),
        ("127.0.0.1", "http://127.0.0.1:8080", true),
        ("127.0.0.0/8", "http://127.3.4.5", true),
        ("10.0.0.0/8", "http://127.3.4.5", false),
        ("::1", "http://[::1]:8080", true),
        ("fd00::/8", "http://[::1]:8080", false),
        ("127.0.0.1", "http://localhost", false),
    ])
    func noProxyMatchesAsLibcurlDoes(_ list: String, _ url: String, _ bypassed: Bool) {
        let environment = ["https_proxy": "p:1", "http_proxy": "p:1", "no_proxy": list]
        #expect((proxied(url, environment) == nil) == bypassed)
    }

    @Test func upperCaseNoProxyCountsOnlyWithoutTheLowerCaseOne() {
        #expect(proxied("https://ztas.io", ["HTTPS_PROXY": "p:1", "NO_PROXY": "ztas.io"]) == nil)
        #expect(proxied("https://ztas.io", ["HTTPS_PROXY": "p:1", "no_proxy": "other.io", "NO_PROXY": "ztas.io"]) == "p:1")
    }

    @Test func requestsGoThroughTheProxyUnlessNoProxyNamesTheHost() async throws {
        let api = try LoopbackServer { _ in .respond(status: 200, body: "{}") }
        defer { api.stop() }
        // A proxy that refuses every tunnel: seeing the CONNECT proves the request went its way.
        let proxy = try LoopbackServer { _ in .respond(status: 403) }
        defer { proxy.stop() }
        var request = URLRequest(url: api.baseURL.appendingPathComponent("api/webhooks"))
        request.httpMethod = "GET"

        let environment = ["http_proxy": "http://127.0.0.1:\(proxy.port)"]
        let through = AsyncHTTPClientTransport(timeout: .seconds(5), maxConnectionsPerHost: 2, maxBodyBytes: 4096, environment: environment)
        let refused = await through.send(request)
        await through.shutdown()
        #expect(refused == .failure(TransportFailure(.notSent, "the proxy refused to connect to 127.0.0.1:\(api.port)")))
        #expect(proxy.requests.map(\.method) == ["CONNECT"])
        #expect(proxy.requests.first?.target == "127.0.0.1:\(api.port)")
        #expect(api.requests.isEmpty)

        var bypassing = environment
        bypassing["no_proxy"] = "127.0.0.0/8"
        let direct = AsyncHTTPClientTransport(timeout: .seconds(5), maxConnectionsPerHost: 2, maxBodyBytes: 4096, environment: bypassing)
        let answered = await direct.send(request)
        await direct.shutdown()
        #expect(try answered.get().status == 200)
        #expect(proxy.requests.count == 1)
        #expect(api.requests.count == 1)
    }
}
