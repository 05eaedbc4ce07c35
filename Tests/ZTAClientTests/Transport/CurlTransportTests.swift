import Foundation
import Testing
@testable import ZTAClient
import ZTASim

/// What the curl transport adds to the shared transport tests: handle and connection reuse, and
/// the edges of redirects, the body cap and cancellation.
@Suite struct CurlTransportTests {
    private static func get(_ base: URL, _ path: String = "/api/webhooks?siteId=site_a") -> HTTPRequest {
        HTTPRequest(url: base.absoluteString + path, headers: [HTTPRequest.Header("Authorization", "Bearer tok_curl_1")])
    }

    private static func transport(connections: Int = 4, maxBodyBytes: Int = 1 << 20,
                                  timeout: Duration = .seconds(5)) -> any HTTPTransport {
        var configuration = ClientConfiguration(baseURL: URL(string: "http://127.0.0.1")!, timeout: timeout,
                                                concurrency: connections)
        configuration.maxBodyBytes = maxBodyBytes
        return CurlTransport(configuration)
    }

    @Test func sequentialRequestsReuseOneHandleAndOneConnection() async throws {
        let server = try await SimServer.start(options: SimOptions())
        let transport = CurlTransport(timeout: .seconds(120), maxConnectionsPerHost: 4, maxBodyBytes: 1 << 20)
        var statuses: Set<Int> = []
        for _ in 0..<200 {
            if case .success(let exchange) = await transport.send(Self.get(URL(string: server.baseURL)!)) {
                statuses.insert(exchange.status)
            }
        }
        await server.stop()
        #expect(statuses == [200])
        #expect(transport.counters == .init(handlesCreated: 1, connectionsOpened: 1, handlesInUse: 0))
    }

    @Test func concurrentRequestsShareFewConnections() async throws {
        let server = try await SimServer.start(options: SimOptions())
        // A timeout far above any answer's time even on a loaded machine (CI builds the release
        // beside the tests): a request that timed out would close its connection and open another.
        let transport = CurlTransport(timeout: .seconds(120), maxConnectionsPerHost: 4, maxBodyBytes: 1 << 20)
        let base = URL(string: server.baseURL)!
        let answered = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<32 {
                group.addTask {
                    var ok = 0
                    for _ in 0..<10 {
                        if case .success(let exchange) = await transport.send(Self.get(base)), exchange.status == 200 { ok += 1 }
                    }
                    return ok
                }
            }
            return await group.reduce(0, +)
        }
        await server.stop()
        #expect(answered == 320)
        let counters = transport.counters
        #expect(counters.connectionsOpened <= 4)
        #expect(counters.handlesCreated <= 32)
        #expect(counters.handlesInUse == 0)
    }

    /// The event loop watches each socket by its number, and a server that closes every
    /// connection makes curl open (and the system reuse the numbers of) one socket per request:
    /// every answer must still reach its own request, with stalled ones ending by their timers.
    @Test func answersOnAFreshSocketEachReachTheirRequestsWhileOthersTimeOut() async throws {
        let server = try LoopbackServer { request in
            request.target.hasSuffix("/stall") ? .stall(5) : .respond(status: 200, body: request.target)
        }
        defer { server.stop() }
        let transport = Self.transport(connections: 8, timeout: .milliseconds(300))
        // Each request's path, and what came back: the body the server echoed, or the failure's kind.
        let outcomes = await withTaskGroup(of: [(String, String)].self) { group in
            for worker in 0..<8 {
                group.addTask {
                    var seen: [(String, String)] = []
                    for round in 0..<25 {
                        let path = "/w\(worker)/r\(round)" + (worker == 0 && round % 5 == 0 ? "/stall" : "")
                        switch await transport.send(Self.get(server.baseURL, path)) {
                        case .success(let exchange): seen.append((path, String(decoding: exchange.body, as: UTF8.self)))
                        case .failure(let failure): seen.append((path, "\(failure.kind)"))
                        }
                    }
                    return seen
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        #expect(outcomes.count == 200)
        for (path, outcome) in outcomes {
            #expect(outcome == (path.hasSuffix("/stall") ? "timedOut" : path), "\(path)")
        }
        #expect(server.requests.count == 200)
    }

    @Test func anIPv6LoopbackLiteralIsReachedAsItIs() async throws {
        let emulator = try EmulatorProcess(host: "::1")
        defer { emulator.stop() }
        #expect(emulator.baseURL.absoluteString.hasPrefix("http://[::1]:"))
        let transport = CurlTransport(timeout: .seconds(60), maxConnectionsPerHost: 4, maxBodyBytes: 1 << 20)
        #expect(try await transport.send(Self.get(emulator.baseURL)).get().status == 200)
    }

    @Test func aRedirectIsReturnedAsItIs() async throws {
        let server = try LoopbackServer { _ in .respond(status: 301, headers: ["Location": "http://127.0.0.1:1/moved"]) }
        defer { server.stop() }
        let outcome = await Self.transport().send(Self.get(server.baseURL))
        let exchange = try outcome.get()
        #expect(exchange.status == 301)
        #expect(exchange.header("Location") == "http://127.0.0.1:1/moved")
        #expect(server.requests.count == 1)
    }

    @Test func aBodyExactlyAtTheCapIsKept() async throws {
        let body = String(repeating: "y", count: 4096)
        let server = try LoopbackServer { _ in .respond(status: 200, body: body) }
        defer { server.stop() }
        let exchange = try await Self.transport(maxBodyBytes: 4096).send(Self.get(server.baseURL)).get()
        #expect(exchange.bodyExceededCap == false)
        #expect(exchange.body == Data(body.utf8))
    }

    @Test func oneByteOverTheCapIsFlagged() async throws {
        let server = try LoopbackServer { _ in .respond(status: 200, body: String(repeating: "y", count: 4097)) }
        defer { server.stop() }
        let exchange = try await Self.transport(maxBodyBytes: 4096).send(Self.get(server.baseURL)).get()
        #expect(exchange.status == 200)
        #expect(exchange.bodyExceededCap)
        #expect(exchange.body.count <= 4096)
    }

    @Test func oneByteOverTheCapWithoutALengthIsFlagged() async throws {
        let chunk = String(repeating: "z", count: 4097)
        let raw = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            + String(chunk.utf8.count, radix: 16) + "\r\n" + chunk + "\r\n0\r\n\r\n"
        let server = try LoopbackServer { _ in .raw(Data(raw.utf8)) }
        defer { server.stop() }
        let exchange = try await Self.transport(maxBodyBytes: 4096).send(Self.get(server.baseURL)).get()
        #expect(exchange.bodyExceededCap)
        #expect(exchange.body.count <= 4096)
    }

    /// The status line and headers came, the body did not: not "no answer", which would send
    /// a reader looking at the wrong end.
    @Test func aTimeoutAfterTheHeadersSaysTheAnswerWasIncomplete() async throws {
        let server = try LoopbackServer { _ in .partial(Data("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"web".utf8), stall: 4) }
        defer { server.stop() }
        let outcome = await Self.transport(timeout: .seconds(1)).send(Self.get(server.baseURL))
        #expect(outcome == .failure(TransportFailure(.timedOut, "the answer from 127.0.0.1:\(server.port) was incomplete after 1.0 seconds "
            + "(status 200 and headers arrived, the body did not finish)")))
    }

    @Test func cancellingAStalledRequestEndsItAtOnce() async throws {
        let server = try LoopbackServer { _ in .stall(5) }
        defer { server.stop() }
        // A timeout no loaded machine reaches before the request is out and cancelled.
        let transport = Self.transport(timeout: .seconds(120))
        let request = Self.get(server.baseURL)
        let clock = ContinuousClock()
        let started = clock.now
        let task = Task { await transport.send(request) }
        // On a busy machine (other suites hold the cooperative threads) the request may take a
        // while to go out: what is timed is the cancellation, not the start.
        while server.requests.isEmpty, clock.now - started < .seconds(90) { try await Task.sleep(for: .milliseconds(5)) }
        try #require(!server.requests.isEmpty)
        task.cancel()
        let outcome = await task.value
        // The server would answer 200 five seconds after the request: a cancelled outcome is the
        // cancel's doing, not the answer's (how soon is for the benchmarks, not for a test).
        #expect(outcome == .failure(TransportFailure(.cancelled, "the request to 127.0.0.1:\(server.port) was cancelled")))
        if let curl = transport as? CurlTransport {
            #expect(curl.counters.handlesInUse == 0)
        }
    }

    @Test func aRequestCancelledBeforeItStartsNeverReachesTheServer() async throws {
        let server = try LoopbackServer { _ in .respond(status: 200) }
        defer { server.stop() }
        let transport = CurlTransport(timeout: .seconds(60), maxConnectionsPerHost: 4, maxBodyBytes: 1 << 20)
        let request = Self.get(server.baseURL)
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await transport.send(request)
        }
        guard case .failure(let failure) = await task.value else {
            Issue.record("a cancelled request was answered")
            return
        }
        #expect(failure.kind == .cancelled)
        #expect(server.requests.isEmpty)
    }

    @Test func aBodyAndTheRequestsHeadersAreSentAsTheyAre() async throws {
        let server = try LoopbackServer { _ in .respond(status: 200, body: "{}") }
        defer { server.stop() }
        var request = Self.get(server.baseURL, "/api/webhooks")
        request.method = "POST"
        request.body = Array(#"{"siteId":"site_a"}"#.utf8)
        request.setHeader("Content-Type", "application/json")
        let transport = CurlTransport(timeout: .seconds(60), maxConnectionsPerHost: 4, maxBodyBytes: 1 << 20)
        #expect(try await transport.send(request).get().status == 200)
        let received = try #require(server.requests.first)
        #expect(received.method == "POST")
        #expect(received.headers["content-type"] == "application/json")
        #expect(received.headers["content-length"] == "19")
        #expect(received.headers["expect"] == nil)
        #expect(received.headers["accept"] == nil)
        #expect(received.headers["authorization"] == "Bearer tok_curl_1")
    }

    @Test(arguments: [("HTTP/1.1 200 OK", 200), ("HTTP/2 404", 404), ("HTTP/1.1 201", 201), ("HTTP/1.1  503 Busy", 503),
                      ("HTTP/1.1 abc OK", 0), ("HTTP/1.1 2000 OK", 0), ("HTTP/1.1 20 OK", 0), ("HTTP/1.1", 0)])
    func theStatusCodeIsTheThreeDigitsAfterTheVersion(line: String, code: Int) {
        let bytes = Array(line.utf8)
        let parsed = bytes.withUnsafeBytes { CurlTransportTransfer.statusCode($0[...]) }
        #expect(parsed == code)
    }
}
