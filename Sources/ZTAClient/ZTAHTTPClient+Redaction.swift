import ZTAHooksCore

extension ZTAHTTPClient {
    /// Every error leaves through here: the token and any `whsec_` secret are scrubbed from it.
    func redacted(_ error: APIError) -> APIError {
        let tokens = configuration.token.map { [$0] } ?? []
        func s(_ text: String) -> String { Redaction.scrub(text, tokens: tokens, maxCharacters: nil) }
        switch error {
        case .badRequest(let m, let c): return .badRequest(message: s(m), context: s(c))
        case .unauthorized(let m, let c): return .unauthorized(message: s(m), context: s(c))
        case .accessDenied(let m, let c): return .accessDenied(message: s(m), context: s(c))
        case .notFound(let m, let c): return .notFound(message: s(m), context: s(c))
        case .rateLimited(let c): return .rateLimited(context: s(c))
        case .server(let status, let m, let c): return .server(status: status, message: s(m), context: s(c))
        case .unexpectedStatus(let status, let m, let c): return .unexpectedStatus(status: status, message: s(m), context: s(c))
        case .transport(let m, let c): return .transport(message: s(m), context: s(c))
        case .invalidResponse(let m, let c): return .invalidResponse(message: s(m), context: s(c))
        case .outcomeUnknown(let m, let c): return .outcomeUnknown(message: s(m), context: s(c))
        case .configuration(let m): return .configuration(message: s(m))
        }
    }
}
