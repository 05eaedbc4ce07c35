import Foundation
import Testing
import ZTAHooksCore
@testable import ZTAClient

@Suite struct ErrorMappingTests {
    private let context = "listing webhooks of site site_abc"

    private func map(_ status: Int, _ body: String, headers: [String: String] = [:]) -> APIError {
        ErrorMapping.error(for: HTTPExchange(status: status, headers: headers, body: Data(body.utf8)), context: context)
    }

    @Test func documentedErrorsBecomeTypedErrorsQuotingTheServer() {
        #expect(map(400, #"{"error": "URL must use HTTPS"}"#) == .badRequest(message: "URL must use HTTPS", context: context))
        #expect(map(400, #"{"error": "Invalid event type: invalid_event"}"#).message
            == "listing webhooks of site site_abc: the API rejected the request (400): \"Invalid event type: invalid_event\"")
        #expect(map(403, #"{"error": "Access denied"}"#).message
            == "listing webhooks of site site_abc: access denied (403): \"Access denied\"; the token does not own this site")
        #expect(map(404, #"{"error": "Webhook not found"}"#) == .notFound(message: "Webhook not found", context: context))
        #expect(map(401, #"{"error": "Unauthorized"}"#).message
            == "listing webhooks of site site_abc: the API refused the token (401): \"Unauthorized\"; check ZTA_API_TOKEN or --token-file")
    }

    @Test func nonJSONBodiesFallBackToTheStatusLine() {
        #expect(map(502, "<html><body>Bad gateway</body></html>") == .server(status: 502, message: "Bad Gateway", context: context))
        #expect(map(401, "") == .unauthorized(message: "Unauthorized", context: context))
        #expect(map(418, "I'm a teapot") == .unexpectedStatus(status: 418, message: "HTTP 418", context: context))
        #expect(map(429, "") == .rateLimited(context: context))
    }

    @Test func redirectsNameTheTargetHostOnly() {
        let error = map(302, "", headers: ["Location": "https://login.example.net/sso?token=abc"])
        #expect(error.message == "listing webhooks of site site_abc: the API answered 302 and redirected to https://login.example.net; "
            + "redirects are not followed, so the token was not sent there. Point --api-url or ZTA_API_URL at the final address")
        #expect(error.isFatal)
        #expect(map(301, "", headers: ["Location": "/v2/api/webhooks"]).message.contains("redirected to another path on the same host"))
    }
}
