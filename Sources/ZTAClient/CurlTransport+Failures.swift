import CCurl
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension CurlTransport {
    /// Sorts curl's errors by what they mean for a retry, in the URLSession transport's words:
    /// each is mapped to the `URLError` that FoundationNetworking reports for it and worded by
    /// the same function, so the two transports cannot drift apart.
    static func classify(_ code: CURLcode, target: String, timeout: Duration) -> TransportFailure {
        guard let urlCode = urlErrorCode(code) else {
            return TransportFailure(.connectionLost, "the connection to \(target) failed (curl error \(code.rawValue))")
        }
        return SessionDelegate.classify(URLError(urlCode), target: target, timeout: timeout)
    }

    static func urlErrorCode(_ code: CURLcode) -> URLError.Code? {
        switch code {
        case CURLE_COULDNT_CONNECT:
            .cannotConnectToHost
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            .cannotFindHost
        case CURLE_OPERATION_TIMEDOUT:
            .timedOut
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_WEIRD_SERVER_REPLY:
            .networkConnectionLost
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
             CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
             CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ENGINE_NOTFOUND,
             CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_CLIENTCERT, CURLE_USE_SSL_FAILED:
            .secureConnectionFailed
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            .unsupportedURL
        case CURLE_ABORTED_BY_CALLBACK:
            .cancelled
        default:
            nil
        }
    }
}
