import Foundation
import Testing
import ZTAClient
import ZTAHooksCore

/// The client on its real transport against a raw loopback server: redirects, oversized answers,
/// dropped and refused connections.
@Suite struct HTTPTransportTests {
    private func client(_ server: LoopbackServer, sleeps: RecordedSleeps = RecordedSleeps(),
                        _ change: (inout ClientConfiguration) -> Void = { _ in }) -> ZTAHTTPClient {
        var configuration = ClientConfiguration(baseURL: server.baseURL, token: "tok_wire_5150", timeout: .seconds(5),
                                                maxAttempts: 3, backoffBase: .milliseconds(1))
        change(&configuration)
        return ZTAHTTPClient(configuration: configuration, transport: CurlTransport(configuration), timing: sleeps.timing)
    }

    private let create = CreateWebhookRequest(siteId: "site_a", url: "https://hooks.example.com/a", events: ["goal"])

    @Test func sendsTheHeadersTheAPIExpects() async throws {
        let server = try LoopbackServer { _ in .respond(status: 200, body: #"{"webhooks": []}"#) }
        defer { server.stop() }
        #expect(try await client(server).listWebhooks(site: "site_a").isEmpty)
        let request = try #require(server.requests.first)
        #expect(request.method == "GET")
        #expect(request.target == "/api/webhooks?siteId=site_a")
        #expect(request.headers["authorization"] == "Bearer tok_wire_5150")
        #expect(request.headers["accept"] == "application/json")
        #expect(request.headers["user-agent"] == "ztahooks/0.1.0")
    }

    @Test func redirectsAreNotFollowed() async throws {
        let server = try LoopbackServer { request in
            request.target.hasPrefix("/api/")
                ? .respond(status: 302, headers: ["Location": "http://127.0.0.1:1/elsewhere?token=x"])
                : .respond(status: 200, body: #"{"webhooks": []}"#)
        }
        defer { server.stop() }
        let error = await expectFailure { () throws(APIError) in try await client(server).listWebhooks(site: "site_a") }
        #expect(error?.message == "listing webhooks of site site_a: the API answered 302 and redirected to http://127.0.0.1:1; "
            + "redirects are not followed, so the token was not sent there. Point --api-url or ZTA_API_URL at the final address")
        #expect(error?.isFatal == true)
        #expect(server.requests.count == 1)
    }

    @Test func oversizedAnswersAreRefused() async throws {
        let big = #"{"webhooks": [], "padding": ""# + String(repeating: "x", count: 8192) + #""}"#
        let server = try LoopbackServer { _ in .respond(status: 200, body: big) }
        defer { server.stop() }
        let error = await expectFailure { () throws(APIError) in
            try await client(server) { $0.maxBodyBytes = 4096 }.listWebhooks(site: "site_a")
        }
        #expect(error == .invalidResponse(message: "answer larger than 4 KiB", context: "listing webhooks of site site_a"))
    }

    @Test func oversizedAnswersWithoutALengthAreRefused() async throws {
        let chunk = String(repeating: "x", count: 3000)
        var raw = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        for _ in 0..<4 { raw += String(chunk.utf8.count, radix: 16) + "\r\n" + chunk + "\r\n" }
        raw += "0\r\n\r\n"
        let answer = Data(raw.utf8)
        let server = try LoopbackServer { _ in .raw(answer) }
        defer { server.stop() }
        let error = await expectFailure { () throws(APIError) in
            try await client(server) { $0.maxBodyBytes = 4096 }.listWebhooks(site: "site_a")
        }
        #expect(error == .invalidResponse(message: "answer larger than 4 KiB", context: "listing webhooks of site site_a"))
    }

    @Test func droppedConnectionsAreRetriedForGet() async throws {
        let server = try LoopbackServer { _ in .close }
        defer { server.stop() }
        let error = await expectFailure { () throws(APIError) in try await client(server).listWebhooks(site: "site_a") }
        guard case .transport(let message, let context) = error else {
            Issue.record("expected a transport error, got \(String(describing: error))")
            return
        }
        #expect(message.hasSuffix("(3 attempts)"))
        #expect(context == "listing webhooks of site site_a")
        #expect(server.requests.count == 3)
    }

    @Test func droppedConnectionOnPostIsAnUnknownOutcome() async throws {
        let server = try LoopbackServer { _ in .close }
        defer { server.stop() }
        let error = await expectFailure { () throws(APIError) in try await client(server).createWebhook(create) }
        guard case .outcomeUnknown = error else {
            Issue.record("expected outcomeUnknown, got \(String(describing: error))")
            return
        }
        #expect(server.requests.count == 1)
    }

    @Test func deleteAnswering404AfterADropIsDone() async throws {
        // First attempt dropped, second answered 404: the first one most likely deleted it.
        final class Counter: @unchecked Sendable { var value = 0 }
        let counter = Counter()
        let lock = NSLock()
        let scripted = try LoopbackServer { _ in
            let attempt = lock.withLock { counter.value += 1; return counter.value }
            return attempt == 1 ? .close : .respond(status: 404, body: #"{"error": "Webhook not found"}"#)
        }
        defer { scripted.stop() }
        try await client(scripted).deleteWebhook(id: "wh_1", site: "site_a")
        #expect(scripted.requests.count == 2)
    }

    @Test func refusedConnectionsAreRetriedEvenForPost() async throws {
        let port = try LoopbackServer.closedPort()
        var configuration = ClientConfiguration(baseURL: URL(string: "http://127.0.0.1:\(port)")!, token: "tok_wire_5150",
                                                timeout: .seconds(5), maxAttempts: 3, backoffBase: .milliseconds(1))
        configuration.maxAttempts = 3
        let sleeps = RecordedSleeps()
        let client = ZTAHTTPClient(configuration: configuration, transport: CurlTransport(configuration), timing: sleeps.timing)
        let error = await expectFailure { () throws(APIError) in try await client.createWebhook(create) }
        #expect(error == .transport(message: "could not connect to 127.0.0.1:\(port) (connection refused) (3 attempts)",
                                    context: "creating webhook https://hooks.example.com/a on site site_a"))
        #expect(sleeps.all.count == 2)
    }

    @Test func stallBeyondTheTimeoutIsCutOff() async throws {
        let server = try LoopbackServer { _ in .stall(3) }
        defer { server.stop() }
        let error = await expectFailure { () throws(APIError) in
            try await client(server) { $0.timeout = .milliseconds(200); $0.maxAttempts = 1 }.listWebhooks(site: "site_a")
        }
        #expect(error == .transport(message: "no answer from 127.0.0.1:\(server.port) within 0.2 seconds",
                                    context: "listing webhooks of site site_a"))
    }
}
