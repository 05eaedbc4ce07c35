import Foundation

/// The HTTP transports being compared for speed (see `scripts/bench`). Temporary: once the
/// numbers are in, the best one stays and this choice goes away.
///
/// `ZTAHOOKS_TRANSPORT` selects one for the client made by `ZTAHTTPClient(configuration:)`;
/// unset or unknown means the default.
public enum TransportCandidate: String, CaseIterable, Sendable {
    case urlSession = "urlsession"
    case asyncHTTPClient = "ahc"
    case curl

    public static let `default`: TransportCandidate = .urlSession

    /// The candidate named by `ZTAHOOKS_TRANSPORT`, else the default.
    public static var current: TransportCandidate {
        ProcessInfo.processInfo.environment["ZTAHOOKS_TRANSPORT"].flatMap(TransportCandidate.init(rawValue:)) ?? .default
    }

    /// A transport of this kind for `configuration`.
    public func make(_ configuration: ClientConfiguration) -> any HTTPTransport {
        switch self {
        case .urlSession:
            URLSessionTransport(timeout: configuration.timeout, maxConnectionsPerHost: configuration.concurrency,
                                maxBodyBytes: configuration.maxBodyBytes)
        case .asyncHTTPClient:
            AsyncHTTPClientTransport(timeout: configuration.timeout, maxConnectionsPerHost: configuration.concurrency,
                                     maxBodyBytes: configuration.maxBodyBytes)
        case .curl:
            CurlTransport(timeout: configuration.timeout, maxConnectionsPerHost: configuration.concurrency,
                          maxBodyBytes: configuration.maxBodyBytes)
        }
    }
}
