import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import ZTAClient
import ZTASim

/// What the AsyncHTTPClient transport adds to the shared transport tests: the very same failures
/// as URLSession's, the request sent as built, the early refusal of an announced oversized body,
/// cancellation, IPv6 literals and its explicit shutdown.
@Suite struct AsyncHTTPClientTransportTests {
    private func transports(timeout: Duration = .seconds(5), maxBodyBytes: Int = 4096) -> [any HTTPTransport] {
        [URLSessionTransport(timeout: timeout, maxConnectionsPerHost: 4, maxBodyBytes: maxBodyBytes),
         AsyncHTTPClientTransport(timeout: timeout, maxConnectionsPerHost: 4, maxBodyBytes: maxBodyBytes)]
    }

    private func get(_ url: URL) -> URLRequest {
        var request = URLRequest(url: url.appendingPathComponent("api/webhooks"))
        request.httpMethod = "GET"
        return request
    }

    private func failures(_ url: URL, timeout: Duration = .seconds(5)) async -> [TransportFailure?] {
        var failures: [TransportFailure?] = []
        for transport in transports(timeout: timeout) {
            if case .failure(let failure) = await transport.send(get(url)) { failures.append(failure) } else { failures.append(nil) }
        }
        return failures
    }

    @Test func aClosedConnectionFailsInURLSessionsWords() async throws {
        let server = try LoopbackServer { _ in .close }
        defer { server.stop() }
        let both = await failures(server.baseURL)
        #expect(both[0] != nil)
        #expect(both[1] == both[0])
        #expect(both[1]?.kind == .connectionLost)
    }

    @Test func aRefusedConnectionFailsInURLSessionsWords() async throws {
        let port = try LoopbackServer.closedPort()
        let both = await failures(URL(string: "http://127.0.0.1:\(port)")!)
        #expect(both[1] == TransportFailure(.notSent, "could not connect to 127.0.0.1:\(port) (connection refused)"))
        #expect(both[1] == both[0])
    }

    @Test func aStallFailsInURLSessionsWords() async throws {
        let server = try LoopbackServer { _ in .stall(2) }
        defer { server.stop() }
        let both = await failures(server.baseURL, timeout: .milliseconds(200))
        #expect(both[1] == TransportFailure(.timedOut, "no answer from 127.0.0.1:\(server.port) within 0.2 seconds"))
        #expect(both[1] == both[0])
    }

    @Test func aBodyCutShortIsALostConnection() async throws {
        let server = try LoopbackServer { _ in .raw(Data("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"webhooks\"".utf8)) }
        defer { server.stop() }
        let both = await failures(server.baseURL)
        // The same kind; URLSession words this one "failed (URL error -1)", which says less.
        #expect(both[0]?.kind == .connectionLost)
        #expect(both[1] == TransportFailure(.connectionLost, "127.0.0.1:\(server.port) closed the connection before the answer arrived"))
    }

    @Test func aTLSFailureIsPermanent() async throws {
        // TLS to a plain HTTP server: the handshake gets an HTTP answer or a closed connection.
        // (URLSession on Linux reports this one as unknown error -1, so a lost connection.)
        let server = try await SimServer.start(options: SimOptions(seed: 1))
        let transport = AsyncHTTPClientTransport(timeout: .seconds(5), maxConnectionsPerHost: 2, maxBodyBytes: 4096)
        let outcome = await transport.send(get(URL(string: "https://127.0.0.1:\(server.port)")!))
        await transport.shutdown()
        await server.stop()
        #expect(outcome == .failure(TransportFailure(.permanent, "the TLS connection to 127.0.0.1:\(server.port) failed "
            + "(certificate not trusted or handshake refused)")))
    }

    @Test func anAnnouncedOversizedBodyIsRefusedBeforeItIsRead() async throws {
        // The server announces 100 MB and sends three bytes: reading on would end in an error.
        let server = try LoopbackServer { _ in .raw(Data("HTTP/1.1 200 OK\r\nContent-Length: 100000000\r\n\r\nabc".utf8)) }
        defer { server.stop() }
        for transport in transports() {
            let exchange = try await transport.send(get(server.baseURL)).get()
            #expect(exchange.status == 200)
            #expect(exchange.bodyExceededCap)
            #expect(exchange.body.count <= 3)
        }
    }

    @Test func theRequestIsSentAsBuiltAndTheAnswerHeadersAreLowercased() async throws {
        let server = try LoopbackServer { _ in .respond(status: 201, headers: ["X-Request-Id": "r-77"], body: #"{"ok": true}"#) }
        defer { server.stop() }
        var request = URLRequest(url: server.baseURL.appendingPathComponent("api/webhooks"))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer tok_wire_5150", forHTTPHeaderField: "Authorization")
        request.httpBody = Data(#"{"siteId": "site_a"}"#.utf8)
        let transport = AsyncHTTPClientTransport(timeout: .seconds(5), maxConnectionsPerHost: 2, maxBodyBytes: 4096)
        let exchange = try await transport.send(request).get()
        #expect(exchange.status == 201)
        #expect(exchange.headers["x-request-id"] == "r-77")
        #expect(exchange.body == Data(#"{"ok": true}"#.utf8))
        let seen = try #require(server.requests.first)
        #expect(seen.method == "POST")
        #expect(seen.target == "/api/webhooks")
        #expect(seen.headers["content-type"] == "application/json")
        #expect(seen.headers["authorization"] == "Bearer tok_wire_5150")
        #expect(seen.headers["content-length"] == "20")
        await transport.shutdown()
    }

    @Test func cancellingTheTaskEndsTheAttemptAsCancelled() async throws {
        let server = try LoopbackServer { _ in .stall(3) }
        defer { server.stop() }
        for transport in transports() {
            let request = get(server.baseURL)
            let attempt = Task { await transport.send(request) }
            try await Task.sleep(for: .milliseconds(150))
            attempt.cancel()
            let outcome = await attempt.value
            guard case .failure(let failure) = outcome else {
                Issue.record("a cancelled attempt succeeded")
                continue
            }
            #expect(failure == TransportFailure(.cancelled, "the request to 127.0.0.1:\(server.port) was cancelled"))
        }
    }

    @Test func anIPv6LiteralHostIsReachedAsIs() async throws {
        guard let server = try? await SimServer.start(host: "::1", options: SimOptions(seed: 1)) else { return }
        let url = URL(string: "http://[::1]:\(server.port)")!
        let transport = AsyncHTTPClientTransport(timeout: .seconds(5), maxConnectionsPerHost: 2, maxBodyBytes: 1 << 20)
        var request = get(url)
        request.url = URL(string: "http://[::1]:\(server.port)/api/webhooks?siteId=site_a")
        let outcome = await transport.send(request)
        await transport.shutdown()
        await server.stop()
        #expect(try outcome.get().status == 200)
    }

    @Test(arguments: [AsyncHTTPClientTransport.EventLoops.shared, .dedicated])
    func afterShutdownNothingIsSent(_ loops: AsyncHTTPClientTransport.EventLoops) async throws {
        let server = try LoopbackServer { _ in .respond(status: 200, body: "{}") }
        defer { server.stop() }
        let transport = AsyncHTTPClientTransport(timeout: .seconds(5), maxConnectionsPerHost: 2, maxBodyBytes: 4096, eventLoops: loops)
        #expect(try await transport.send(get(server.baseURL)).get().status == 200)
        await transport.shutdown()
        await transport.shutdown()
        let after = await transport.send(get(server.baseURL))
        #expect(after == .failure(TransportFailure(.permanent, "the connection pool for 127.0.0.1:\(server.port) is shut down")))
        #expect(server.requests.count == 1)
    }
}
