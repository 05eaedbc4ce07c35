import Foundation
import ZTAHooksCore

extension ZTAHTTPClient {
    /// One request to the webhooks endpoint, once, with no retry and no decoding: what `doctor`
    /// needs to see the API as it is (the status, the `Date` header, the raw answer to check
    /// against the contract). The failure's words never hold the token.
    public func probe(_ method: HTTPMethod, query: (name: String, value: String)? = nil,
                      json body: [UInt8]? = nil) async -> Result<HTTPExchange, TransportFailure> {
        var request = makeRequest(method, query: query)
        if let body {
            request.headers.append(HTTPRequest.Header("Content-Type", "application/json"))
            request.body = body
        }
        switch await transport.send(request) {
        case .success(let exchange): return .success(exchange)
        case .failure(let failure):
            return .failure(TransportFailure(failure.kind, Redaction.scrub(failure.detail, tokens: configuration.token.map { [$0] } ?? [])))
        }
    }
}

extension HTTPExchange {
    /// The `Date` header, when the server sent a readable one.
    public var date: Date? { header("Date").flatMap(RetryAfter.httpDate) }

    /// The server's own words of an error answer, scrubbed of secrets; nil when there are none.
    public var serverMessage: String? { ResponseDecoding.serverMessage(body) }

    /// The webhooks of a list answer, as the client reads them; nil when the answer is not one.
    public var listedWebhooks: [LiveWebhook]? { try? ResponseDecoding.webhookList(body).get() }
}
