import Foundation
import Testing
@testable import ZTAClient

/// `HTTPS_PROXY` and `NO_PROXY` as the transport reads them: from the environment once, by
/// libcurl's rules, then handed to curl, against a loopback server standing in for the proxy.
/// Nothing here changes the process's environment, which other tests' transfers may be reading.
/// One case at a time: each aims at a port just closed, which another case's server could take.
@Suite(.serialized) struct CurlTransportProxyTests {
    private static func viaProxy(_ environment: (_ proxy: String) -> [String: String]) async throws -> [LoopbackServer.Request] {
        let proxy = try LoopbackServer { _ in .respond(status: 502) }
        defer { proxy.stop() }
        let port = try LoopbackServer.closedPort()
        let transport = CurlTransport(timeout: .seconds(3), maxConnectionsPerHost: 2, maxBodyBytes: 1 << 20,
                                      proxies: CurlProxySettings(environment: environment("http://127.0.0.1:\(proxy.port)")))
        _ = await transport.send(HTTPRequest(url: "https://127.0.0.1:\(port)/api/webhooks"))
        return proxy.requests
    }

    @Test func httpsProxyIsHonoured() async throws {
        let seen = try await Self.viaProxy { ["HTTPS_PROXY": $0] }
        #expect(seen.map(\.method) == ["CONNECT"])
    }

    @Test func noProxyIsHonoured() async throws {
        let seen = try await Self.viaProxy { ["HTTPS_PROXY": $0, "NO_PROXY": "127.0.0.1"] }
        #expect(seen.isEmpty)
    }

    @Test func withoutProxyVariablesTheTargetIsReachedDirectly() async throws {
        // An http proxy does not apply to an https target.
        let seen = try await Self.viaProxy { ["http_proxy": $0] }
        #expect(seen.isEmpty)
    }

    @Test func theVariablesAreReadAsLibcurlReadsThem() {
        let https = CurlProxySettings(environment: ["https_proxy": "http://lower:1", "HTTPS_PROXY": "http://upper:1"])
        #expect(https.https == "http://lower:1")
        #expect(CurlProxySettings(environment: ["HTTPS_PROXY": "http://upper:1"]).https == "http://upper:1")
        // The uppercase HTTP_PROXY is ignored, as curl ignores it (a CGI request can set it).
        #expect(CurlProxySettings(environment: ["HTTP_PROXY": "http://cgi:1"]).http == nil)
        #expect(CurlProxySettings(environment: ["http_proxy": "http://plain:1"]).http == "http://plain:1")
        let all = CurlProxySettings(environment: ["ALL_PROXY": "socks5://all:1", "https_proxy": ""])
        #expect(all.https == "socks5://all:1")
        #expect(all.http == "socks5://all:1")
        #expect(CurlProxySettings(environment: ["NO_PROXY": "a.example", "no_proxy": "b.example"]).noProxy == "b.example")
        let settings = CurlProxySettings(https: "http://s:1", http: "http://p:1")
        #expect(settings.proxy(for: "https://api.example.com/x") == "http://s:1")
        #expect(settings.proxy(for: "http://api.example.com/x") == "http://p:1")
        // Plain http is allowed for loopback only, on the promise that it stays on the machine.
        for url in ["http://127.0.0.1:8080/x", "http://localhost/x", "HTTP://LOCALHOST:9/x", "http://[::1]:8080/x", "http://127.1.2.3/x"] {
            #expect(settings.proxy(for: url) == nil, "\(url)")
        }
        #expect(CurlProxySettings(environment: [:]) == CurlProxySettings())
    }

    /// The API on a loopback http:// URL, with every proxy variable pointing at a capture
    /// server: the request (its bearer token) must reach the API, and the proxy nothing.
    @Test func aLoopbackHTTPAPIIsNeverReachedThroughAProxy() async throws {
        let proxy = try LoopbackServer { _ in .respond(status: 200, body: #"{"webhooks": []}"#) }
        defer { proxy.stop() }
        let api = try LoopbackServer { _ in .respond(status: 200, body: #"{"webhooks": []}"#) }
        defer { api.stop() }
        let via = "http://127.0.0.1:\(proxy.port)"
        let environment = ["http_proxy": via, "HTTPS_PROXY": via, "https_proxy": via, "ALL_PROXY": via, "all_proxy": via]
        let transport = CurlTransport(timeout: .seconds(3), maxConnectionsPerHost: 2, maxBodyBytes: 1 << 20,
                                      proxies: CurlProxySettings(environment: environment))
        for host in ["127.0.0.1", "localhost"] {
            var request = HTTPRequest(url: "http://\(host):\(api.port)/api/webhooks?siteId=s")
            request.headers.append(.init("Authorization", "Bearer tok_never_to_the_proxy"))
            let result = await transport.send(request)
            #expect((try? result.get())?.status == 200, "\(host)")
        }
        #expect(proxy.requests.isEmpty)
        #expect(api.requests.count == 2)
    }
}
