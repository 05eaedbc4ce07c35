import CCurl

extension CurlTransport {
    /// Sorts curl's errors by what they mean for a retry. Unknown errors count as "the
    /// connection was lost", the cautious reading for a POST.
    static func classify(_ code: CURLcode, target: String, timeout: Duration) -> TransportFailure {
        switch code {
        case CURLE_COULDNT_CONNECT:
            TransportFailure(.notSent, "could not connect to \(target) (connection refused)")
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            TransportFailure(.notSent, "could not resolve the host \(target)")
        case CURLE_OPERATION_TIMEDOUT:
            TransportFailure(.timedOut, "no answer from \(target) within \(timeout)")
        // SEND_FAIL_REWIND: a reused connection died under the request and curl would have sent it
        // again (see `CurlTransport.method`).
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_WEIRD_SERVER_REPLY,
             CURLE_SEND_FAIL_REWIND:
            TransportFailure(.connectionLost, "\(target) closed the connection before the answer arrived")
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
             CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
             CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ENGINE_NOTFOUND,
             CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_CLIENTCERT, CURLE_USE_SSL_FAILED:
            TransportFailure(.permanent, "the TLS connection to \(target) failed (certificate not trusted or handshake refused)")
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            TransportFailure(.permanent, "the API URL \(target) is not usable")
        case CURLE_ABORTED_BY_CALLBACK:
            TransportFailure(.cancelled, "the request to \(target) was cancelled")
        default:
            TransportFailure(.connectionLost, "the connection to \(target) failed (curl error \(code.rawValue))")
        }
    }
}
