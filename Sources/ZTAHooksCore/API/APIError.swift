/// Everything that can go wrong talking to the ZTA API, typed so that callers can decide
/// what is retryable, what is per-site, and what needs a human.
///
/// Messages quote the server and name the site or webhook; they never contain a token or secret.
///
/// `indirect`: an error is rare, a listing's result is not. Boxed, a `Result` of a site's listing
/// is 9 bytes instead of 49, and the run's table of 100,000 listings 8 MB smaller.
public indirect enum APIError: Error, Hashable, Sendable {
    /// 400: the server rejected the request; `message` is the server's `error` text.
    case badRequest(message: String, context: String)
    /// 401: the token is missing, wrong or expired.
    case unauthorized(message: String, context: String)
    /// 403: the token does not own the site.
    case accessDenied(message: String, context: String)
    /// 404: the webhook does not exist.
    case notFound(message: String, context: String)
    /// 429 after the retry budget was spent.
    case rateLimited(context: String)
    /// 5xx after the retry budget was spent (or on a POST, which is not retried).
    case server(status: Int, message: String, context: String)
    /// Any other status the document does not describe.
    case unexpectedStatus(status: Int, message: String, context: String)
    /// Connect or request timeout, refused or dropped connection, after the retry budget.
    case transport(message: String, context: String)
    /// The answer could not be decoded.
    case invalidResponse(message: String, context: String)
    /// A POST whose answer was lost: the server may or may not have created the webhook.
    case outcomeUnknown(message: String, context: String)
    /// Local misconfiguration: no token, a non-https API URL, ...
    case configuration(message: String)

    /// What was being done, e.g. "listing webhooks of site site_abc".
    public var context: String {
        switch self {
        case .badRequest(_, let c), .unauthorized(_, let c), .accessDenied(_, let c), .notFound(_, let c),
             .server(_, _, let c), .unexpectedStatus(_, _, let c), .transport(_, let c),
             .invalidResponse(_, let c), .outcomeUnknown(_, let c):
            return c
        case .rateLimited(let c):
            return c
        case .configuration:
            return ""
        }
    }

    /// One line for a human: what failed, the server's words, and what to do.
    public var message: String {
        switch self {
        case .badRequest(let m, let c):
            return "\(c): the API rejected the request (400): \"\(m)\""
        case .unauthorized(let m, let c):
            return "\(c): the API refused the token (401): \"\(m)\"; check ZTA_API_TOKEN or --token-file"
        case .accessDenied(let m, let c):
            return "\(c): access denied (403): \"\(m)\"; the token does not own this site"
        case .notFound(let m, let c):
            return "\(c): not found (404): \"\(m)\""
        case .rateLimited(let c):
            return "\(c): rate limited (429) and retries exhausted; lower --concurrency or try later"
        case .server(let s, let m, let c):
            return "\(c): server error (\(s))\(m.isEmpty ? "" : ": \"\(m)\"")"
        case .unexpectedStatus(let s, let m, let c):
            return "\(c): unexpected HTTP status \(s)\(m.isEmpty ? "" : ": \"\(m)\"")"
        case .transport(let m, let c):
            return "\(c): \(m)"
        case .invalidResponse(let m, let c):
            return "\(c): unreadable answer from the API: \(m)"
        case .outcomeUnknown(let m, let c):
            return "\(c): the answer was lost (\(m)); the webhook may or may not exist"
        case .configuration(let m):
            return m
        }
    }

    /// True when the whole run should stop (the token is bad or the setup is wrong),
    /// false when only the site or action at hand failed.
    public var isFatal: Bool {
        switch self {
        case .unauthorized, .configuration: return true
        default: return false
        }
    }
}

extension APIError: CustomStringConvertible {
    public var description: String { message }
}
