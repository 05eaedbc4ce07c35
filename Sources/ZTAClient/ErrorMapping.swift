import Foundation
import ZTAHooksCore

/// Pure mapping from an unsuccessful answer to the typed error the core understands.
enum ErrorMapping {
    /// The error for a final, non-2xx answer. `context` names the site or webhook.
    static func error(for exchange: HTTPExchange, context: String) -> APIError {
        let status = exchange.status
        let quoted = ResponseDecoding.serverMessage(exchange.body) ?? reasonPhrase(status)
        switch status {
        case 300..<400:
            return redirect(exchange, context: context)
        case 400:
            return .badRequest(message: quoted, context: context)
        case 401:
            return .unauthorized(message: quoted, context: context)
        case 403:
            return .accessDenied(message: quoted, context: context)
        case 404:
            return .notFound(message: quoted, context: context)
        case 429:
            return .rateLimited(context: context)
        case 500..<600:
            return .server(status: status, message: quoted, context: context)
        default:
            return .unexpectedStatus(status: status, message: quoted, context: context)
        }
    }

    /// A redirect is never followed: the Authorization header must not reach another host,
    /// and a redirecting API URL is a setup mistake, so the error stops the run.
    static func redirect(_ exchange: HTTPExchange, context: String) -> APIError {
        let target: String
        if let location = exchange.header("Location"), let url = URL(string: location), let host = url.host {
            // The origin, port included (a redirect to :8443 is not one to the default port);
            // never the path or query, which may carry anything.
            let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
            let authority = url.port.map { "\(bracketed):\($0)" } ?? bracketed
            target = url.scheme.map { "\($0)://\(authority)" } ?? authority
        } else if exchange.header("Location") != nil {
            target = "another path on the same host"
        } else {
            target = "an unnamed location"
        }
        return .configuration(message: "\(context): the API answered \(exchange.status) and redirected to \(target); "
            + "redirects are not followed, so the token was not sent there. Point --api-url or ZTA_API_URL at the final address")
    }

    /// The standard reason phrase, used when an error answer carries no `{"error": ...}`.
    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 409: return "Conflict"
        case 413: return "Payload Too Large"
        case 422: return "Unprocessable Entity"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return "HTTP \(status)"
        }
    }
}
