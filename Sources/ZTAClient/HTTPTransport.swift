import Foundation

/// Sends one HTTP request and returns the answer or why there is none.
///
/// The seam between the client's retry logic and the network: production uses
/// `CurlTransport`, tests may use a scripted fake.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async -> Result<HTTPExchange, TransportFailure>
}

/// An answer as received: status, headers (names lowercased) and at most the body cap.
public struct HTTPExchange: Sendable, Hashable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data
    /// The server sent more than the body cap; `body` holds what was read before giving up.
    public var bodyExceededCap: Bool

    public init(status: Int, headers: [String: String] = [:], body: Data = Data(), bodyExceededCap: Bool = false) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.body = body
        self.bodyExceededCap = bodyExceededCap
    }

    /// For a transport whose header names are lowercased already: skips building the dictionary again.
    init(status: Int, lowercasedHeaders: [String: String], body: Data, bodyExceededCap: Bool = false) {
        self.status = status
        self.headers = lowercasedHeaders
        self.body = body
        self.bodyExceededCap = bodyExceededCap
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Why a request got no answer, sorted by what it means for a retry.
public struct TransportFailure: Error, Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Nothing reached the server (connection refused, host not found): always safe to retry.
        case notSent
        /// The deadline passed; the server may have acted on the request.
        case timedOut
        /// The connection broke after the request may have been sent.
        case connectionLost
        /// A failure no retry will fix (TLS, a malformed URL, ...).
        case permanent
        /// The caller's task was cancelled.
        case cancelled
    }

    public var kind: Kind
    /// What happened, for humans; never includes headers or bodies.
    public var detail: String

    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }
}
