import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import ZTAClient

/// `HTTPS_PROXY` and `NO_PROXY` as the transport reads them, against a loopback server standing
/// in for the proxy. The variables are set for the process only while one case runs, and only
/// for https targets, which no other test of this target uses. The transport leaves the variables
/// to libcurl, which reads them for every transfer.
@Suite(.serialized) struct CurlTransportProxyTests {
    private static func viaProxy(noProxy: String?) async throws -> [LoopbackServer.Request] {
        let proxy = try LoopbackServer { _ in .respond(status: 502) }
        defer { proxy.stop() }
        let port = try LoopbackServer.closedPort()
        setenv("HTTPS_PROXY", "http://127.0.0.1:\(proxy.port)", 1)
        if let noProxy { setenv("NO_PROXY", noProxy, 1) }
        defer {
            unsetenv("HTTPS_PROXY")
            unsetenv("NO_PROXY")
        }
        let configuration = ClientConfiguration(baseURL: URL(string: "https://127.0.0.1:\(port)")!, timeout: .seconds(3))
        let transport = CurlTransport(configuration)
        _ = await transport.send(HTTPRequest(url: "https://127.0.0.1:\(port)/api/webhooks"))
        return proxy.requests
    }

    @Test func httpsProxyIsHonoured() async throws {
        let seen = try await Self.viaProxy(noProxy: nil)
        #expect(seen.map(\.method) == ["CONNECT"])
    }

    @Test func noProxyIsHonoured() async throws {
        let seen = try await Self.viaProxy(noProxy: "127.0.0.1")
        #expect(seen.isEmpty)
    }
}
