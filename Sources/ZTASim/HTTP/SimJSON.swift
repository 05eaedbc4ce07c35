import Foundation
import Hummingbird

/// Builds the emulator's JSON answers; every one carries `Content-Type: application/json`.
enum SimJSON {
    static func response(_ status: Int, _ body: some Encodable, headers: HTTPFields = [:]) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        // Encoding plain structs of strings, numbers and arrays cannot fail.
        let data = (try? encoder.encode(body)) ?? Data(#"{"error":"Internal server error"}"#.utf8)
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(
            status: HTTPResponse.Status(code: status),
            headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    static func error(_ status: Int, _ message: String, headers: HTTPFields = [:]) -> Response {
        response(status, ["error": message], headers: headers)
    }
}

/// A webhook as the API shows it: no site, no description, and a secret only when asked for.
struct APIWebhook: Encodable {
    var id: String
    var url: String
    var events: [String]
    var secret: String?
    var active: Bool
    var createdAt: String
    var lastTriggered: String?

    init(_ webhook: SimWebhook, includeSecret: Bool) {
        id = webhook.id
        url = webhook.url
        events = webhook.events
        secret = includeSecret ? webhook.secret : nil
        active = webhook.active
        createdAt = webhook.createdAt
        lastTriggered = webhook.lastTriggered
    }
}

struct WebhookListBody: Encodable {
    var webhooks: [APIWebhook]
}

struct WebhookBody: Encodable {
    var webhook: APIWebhook
}

struct DeletedBody: Encodable {
    var success = true
    var message = "Webhook deleted successfully"
}

struct StateBody: Codable {
    var webhooks: [SimWebhook]
}
