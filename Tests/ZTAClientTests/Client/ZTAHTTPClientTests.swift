import Foundation
import Testing
import ZTAHooksCore
@testable import ZTAClient

/// The client's request building and retry loop, on a scripted transport.
@Suite struct ZTAHTTPClientTests {
    static let listBody = #"{"webhooks": [{"id": "wh_1", "url": "https://a.example/x", "events": ["alert"], "active": true, "createdAt": "2024-12-01T10:00:00Z"}]}"#
    static let createdBody = #"{"webhook": {"id": "wh_2", "url": "https://a.example/y", "events": ["goal"], "secret": "whsec_sekrit", "active": true, "createdAt": "2024-12-01T10:00:00.000Z"}}"#

    private func client(_ script: [Result<HTTPExchange, TransportFailure>], sleeps: RecordedSleeps = RecordedSleeps(),
                        token: String? = "tok_test_123") -> (ZTAHTTPClient, ScriptedTransport) {
        let transport = ScriptedTransport(script)
        let configuration = ClientConfiguration(baseURL: URL(string: "https://api.example.com/base")!, token: token)
        return (ZTAHTTPClient(configuration: configuration, transport: transport, timing: sleeps.timing), transport)
    }

    @Test func listSendsTheDocumentedRequest() async throws {
        let (client, transport) = client([.answer(200, Self.listBody)])
        let webhooks = try await client.listWebhooks(site: "site a&b")
        #expect(webhooks.map(\.id) == ["wh_1"])
        let request = try #require(transport.requests.first)
        #expect(request.method == "GET")
        #expect(request.url == "https://api.example.com/base/api/webhooks?siteId=site%20a%26b")
        #expect(request.header("Authorization") == "Bearer tok_test_123")
        #expect(request.header("Accept") == "application/json")
        #expect(request.header("User-Agent") == "ztahooks/0.1.0")
    }

    @Test func createPostsJSONAndAccepts201() async throws {
        let (client, transport) = client([.answer(201, Self.createdBody)])
        let created = try await client.createWebhook(CreateWebhookRequest(siteId: "site_a", url: "https://a.example/y", events: ["goal"]))
        #expect(created.webhook.id == "wh_2")
        #expect(created.secret == "whsec_sekrit")
        let request = try #require(transport.requests.first)
        #expect(request.method == "POST")
        #expect(request.url == "https://api.example.com/base/api/webhooks")
        #expect(request.header("Content-Type") == "application/json")
        let body = try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]
        #expect(body?["siteId"] as? String == "site_a")
        #expect(body?["events"] as? [String] == ["goal"])
        #expect(body?.keys.contains("description") == false)
    }

    @Test func noTokenMeansNoAuthorizationHeader() async throws {
        let (client, transport) = client([.answer(200, #"{"webhooks": []}"#)], token: nil)
        _ = try await client.listWebhooks(site: "site_a")
        #expect(transport.requests.first?.header("Authorization") == nil)
    }

    @Test func getRecoversFromAServerErrorBurstWithBackoff() async throws {
        let sleeps = RecordedSleeps()
        let (client, transport) = client([.answer(500), .answer(503), .fail(.connectionLost), .answer(200, Self.listBody)], sleeps: sleeps)
        #expect(try await client.listWebhooks(site: "site_a").count == 1)
        #expect(transport.requests.count == 4)
        // Full jitter at a draw of 0.5: half of 200, 400 and 800 ms.
        #expect(sleeps.all == [.milliseconds(100), .milliseconds(200), .milliseconds(400)])
    }

    @Test func getGivesUpAfterMaxAttempts() async {
        let (client, transport) = client(Array(repeating: .answer(502, #"{"error": "upstream"}"#), count: 6))
        await #expect(throws: APIError.server(status: 502, message: "upstream", context: "listing webhooks of site site_a")) {
            try await client.listWebhooks(site: "site_a")
        }
        #expect(transport.requests.count == 4)
    }

    @Test func rateLimitHonoursRetryAfterForEveryMethod() async throws {
        let sleeps = RecordedSleeps()
        let (client, transport) = client([.answer(429, headers: ["Retry-After": "2"]), .answer(201, Self.createdBody)], sleeps: sleeps)
        _ = try await client.createWebhook(CreateWebhookRequest(siteId: "site_a", url: "https://a.example/y", events: ["goal"]))
        #expect(transport.requests.count == 2)
        #expect(sleeps.all == [.seconds(2)])
    }

    @Test func postIsNotRetriedAfterAServerErrorOrADrop() async {
        let request = CreateWebhookRequest(siteId: "site_a", url: "https://a.example/y", events: ["goal"])
        for outcome: Result<HTTPExchange, TransportFailure> in [.answer(500), .fail(.connectionLost), .fail(.timedOut)] {
            let (client, transport) = client([outcome, .answer(200, Self.createdBody)])
            do {
                _ = try await client.createWebhook(request)
                Issue.record("expected outcomeUnknown")
            } catch {
                guard case .outcomeUnknown(_, let context) = error else {
                    Issue.record("expected outcomeUnknown, got \(error)")
                    continue
                }
                #expect(context == "creating webhook https://a.example/y on site site_a")
            }
            #expect(transport.requests.count == 1)
        }
    }

    @Test func postIsRetriedWhenTheConnectionWasRefused() async throws {
        let (client, transport) = client([.fail(.notSent, "could not connect"), .answer(200, Self.createdBody)])
        _ = try await client.createWebhook(CreateWebhookRequest(siteId: "site_a", url: "https://a.example/y", events: ["goal"]))
        #expect(transport.requests.count == 2)
    }

    @Test func unreadableCreateAnswerIsAnUnknownOutcome() async {
        let (client, _) = client([.answer(200, #"{"webhook": {"id": "wh_2"}}"#)])
        await #expect(throws: APIError.outcomeUnknown(message: "the answer was unreadable: field 'webhook.url' is missing",
                                                       context: "creating webhook https://a.example/y on site site_a")) {
            try await client.createWebhook(CreateWebhookRequest(siteId: "site_a", url: "https://a.example/y", events: ["goal"]))
        }
    }

    @Test func deleteThatAnswers404AfterADropIsDone() async throws {
        let (client, transport) = client([.fail(.connectionLost), .answer(404, #"{"error": "Webhook not found"}"#)])
        try await client.deleteWebhook(id: "wh_1", site: "site_a")
        #expect(transport.requests.count == 2)
        #expect(transport.requests.first?.url == "https://api.example.com/base/api/webhooks?id=wh_1")
        #expect(transport.requests.first?.method == "DELETE")
    }

    @Test func deleteThatAnswers404AtOnceIsNotFound() async {
        let (client, _) = client([.answer(404, #"{"error": "Webhook not found"}"#)])
        await #expect(throws: APIError.notFound(message: "Webhook not found", context: "deleting webhook wh_1 of site site_a")) {
            try await client.deleteWebhook(id: "wh_1", site: "site_a")
        }
    }

    @Test func oversizedListAnswerIsInvalid() async {
        let (client, _) = client([.success(HTTPExchange(status: 200, body: Data("{".utf8), bodyExceededCap: true))])
        await #expect(throws: APIError.invalidResponse(message: "answer larger than 1 MiB", context: "listing webhooks of site site_a")) {
            try await client.listWebhooks(site: "site_a")
        }
    }

    @Test func errorsNeverCarryTheTokenEvenWhenTheServerEchoesIt() async {
        let (client, _) = client([.answer(401, #"{"error": "token tok_test_123 is revoked"}"#)])
        await #expect(throws: APIError.unauthorized(message: "token <redacted> is revoked", context: "listing webhooks of site site_a")) {
            try await client.listWebhooks(site: "site_a")
        }
    }

    @Test(arguments: ["site_abc123", "site a&b", "a=b+c/d?e#f", "ünï cödé ✓ 🚀", "%41", "-._~", "", "\u{0}\u{7F}"])
    func queryValuesAreEncodedAsFoundationEncodesUnreservedCharacters(value: String) {
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        #expect(ZTAHTTPClient.percentEncoded(value) == value.addingPercentEncoding(withAllowedCharacters: unreserved))
    }
}
