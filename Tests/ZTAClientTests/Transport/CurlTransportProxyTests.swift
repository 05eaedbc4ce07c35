import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import ZTAClient

/// `HTTPS_PROXY` and `NO_PROXY` as each candidate reads them, against a loopback server standing
/// in for the proxy. The variables are set for the process only while one case runs, and only
/// for https targets, which no other test of this target uses. Both candidates leave the variables
/// to libcurl, which reads them for every transfer.
@Suite(.serialized) struct CurlTransportProxyTests {
    private static func viaProxy(_ candidate: TransportCandidate, noProxy: String?) async throws -> [LoopbackServer.Request] {
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
        let transport = candidate.make(configuration)
        _ = await transport.send(URLRequest(url: URL(string: "https://127.0.0.1:\(port)/api/webhooks")!))
        return proxy.requests
    }

    @Test(arguments: TransportCandidate.allCases) func httpsProxyIsHonoured(_ candidate: TransportCandidate) async throws {
        let seen = try await Self.viaProxy(candidate, noProxy: nil)
        #expect(seen.map(\.method) == ["CONNECT"])
    }

    @Test(arguments: TransportCandidate.allCases) func noProxyIsHonoured(_ candidate: TransportCandidate) async throws {
        let seen = try await Self.viaProxy(candidate, noProxy: "127.0.0.1")
        #expect(seen.isEmpty)
    }
}
