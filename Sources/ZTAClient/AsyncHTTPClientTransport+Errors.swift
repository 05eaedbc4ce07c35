import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension AsyncHTTPClientTransport {
    /// Sorts AsyncHTTPClient's and SwiftNIO's errors into the kinds, and the words, that
    /// `SessionDelegate.classify` gives URLSession's, so that the retry policy and the user see
    /// the same thing whichever transport ran. Unknown errors count as "the connection was lost",
    /// the cautious reading for a POST.
    static func classify(_ error: any Error, target: String, timeout: Duration) -> TransportFailure {
        let refused = TransportFailure(.notSent, "could not connect to \(target) (connection refused)")
        let timedOut = TransportFailure(.timedOut, "no answer from \(target) within \(timeout)")
        let lost = TransportFailure(.connectionLost, "\(target) closed the connection before the answer arrived")
        switch error {
        case is CancellationError:
            return TransportFailure(.cancelled, "the request to \(target) was cancelled")
        case let error as HTTPClientError:
            return classify(error, target: target, timeout: timeout) ?? lost
        case let error as NIOConnectionError:
            // A name that resolved to nothing reachable: the first attempt's error says why.
            if let first = error.connectionErrors.first {
                return classify(first.error, target: target, timeout: timeout)
            }
            if error.dnsAError != nil || error.dnsAAAAError != nil {
                return TransportFailure(.notSent, "could not resolve the host \(target)")
            }
            return refused
        case let error as IOError:
            switch error.errnoCode {
            case ECONNREFUSED, ENETUNREACH, EHOSTUNREACH:
                return refused
            case ETIMEDOUT:
                return timedOut
            default:
                return lost
            }
        case ChannelError.connectTimeout:
            return timedOut
        case is ChannelError, is HTTPParserError:
            return lost
        case is NIOSSLError, is BoringSSLError, is NIOSSLExtraError:
            return TransportFailure(.permanent, "the TLS connection to \(target) failed (certificate not trusted or handshake refused)")
        default:
            return TransportFailure(.connectionLost, "the connection to \(target) failed")
        }
    }

    /// AsyncHTTPClient's own errors; nil for those that mean a lost connection.
    private static func classify(_ error: HTTPClientError, target: String, timeout: Duration) -> TransportFailure? {
        switch error {
        case .cancelled:
            return TransportFailure(.cancelled, "the request to \(target) was cancelled")
        case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .getConnectionFromPoolTimeout,
             .tlsHandshakeTimeout, .httpProxyHandshakeTimeout, .socksHandshakeTimeout:
            return TransportFailure(.timedOut, "no answer from \(target) within \(timeout)")
        case .invalidURL, .emptyHost, .emptyScheme:
            return TransportFailure(.permanent, "the API URL \(target) is not usable")
        case .invalidProxyResponse:
            // The proxy refused the tunnel, so nothing reached the API.
            return TransportFailure(.notSent, "the proxy refused to connect to \(target)")
        case .proxyAuthenticationRequired:
            return TransportFailure(.permanent, "the proxy asks for credentials to reach \(target); put them in the proxy URL")
        case .alreadyShutdown:
            return TransportFailure(.permanent, "the connection pool for \(target) is shut down")
        default:
            return nil
        }
    }
}
