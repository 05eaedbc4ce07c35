import CCurl
import Foundation

extension CurlTransport {
    /// Sets up a fresh (or reset) easy handle for one transfer; the failure when curl refuses an option.
    static func configure(_ easy: UnsafeMutableRawPointer, for transfer: CurlTransportTransfer) -> TransportFailure? {
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        let milliseconds = max(1, Int(seconds(transfer.timeout) * 1000))
        var codes: [CURLcode] = [
            // curl copies every string option, so Swift's temporary C strings are enough.
            ccurl_easy_setopt_string(easy, CURLOPT_URL, transfer.request.url),
            ccurl_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https"),
            // Redirects are refused: the Authorization header must not travel to another host.
            ccurl_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 0),
            // No SIGALRM for resolver timeouts: the process has other threads.
            ccurl_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1),
            // The whole attempt, connect and any wait for a free connection included.
            ccurl_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, milliseconds),
            ccurl_easy_setopt_long(easy, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_1_1)),
            ccurl_easy_setopt_write_function(easy, CURLOPT_WRITEFUNCTION, CurlTransportTransfer.writeBody),
            ccurl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context),
            ccurl_easy_setopt_write_function(easy, CURLOPT_HEADERFUNCTION, CurlTransportTransfer.writeHeader),
            ccurl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context),
            // Always set, so that curl never reads the environment itself: an empty proxy is
            // none, an empty list skips no host.
            ccurl_easy_setopt_string(easy, CURLOPT_PROXY, transfer.proxies.proxy(for: transfer.request.url) ?? ""),
            ccurl_easy_setopt_string(easy, CURLOPT_NOPROXY, transfer.proxies.noProxy ?? ""),
        ]
        codes += method(easy, transfer)
        transfer.headerList = headerList(transfer.request)
        codes.append(ccurl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, transfer.headerList))
        guard let refused = codes.first(where: { $0 != CURLE_OK }) else { return nil }
        return classify(refused, target: transfer.target, timeout: transfer.timeout)
    }

    /// The request's method and body as they are.
    ///
    /// A body is handed to curl through a read callback and never through a copy curl keeps:
    /// curl silently sends a request again on a new connection when a reused one dies before any
    /// answer, and for a POST that may have been acted on that would be a second create whose
    /// first answer nobody saw. To send again curl must rewind the body, and with a read callback
    /// and no seek callback it cannot: the transfer fails instead (`CURLE_SEND_FAIL_REWIND`), and
    /// the client treats the POST's outcome as unknown, as it must.
    private static func method(_ easy: UnsafeMutableRawPointer, _ transfer: CurlTransportTransfer) -> [CURLcode] {
        let request = transfer.request
        let method = request.method
        let body = request.body
        if method == "GET", body.isEmpty {
            return [ccurl_easy_setopt_long(easy, CURLOPT_HTTPGET, 1)]
        }
        if method == "HEAD" {
            return [ccurl_easy_setopt_long(easy, CURLOPT_NOBODY, 1)]
        }
        guard !body.isEmpty || ["POST", "PUT", "PATCH"].contains(method) else {
            return [ccurl_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, method)]
        }
        transfer.upload = body
        transfer.uploaded = 0
        var codes = [
            ccurl_easy_setopt_long(easy, CURLOPT_POST, 1),
            ccurl_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)),
            ccurl_easy_setopt_read_function(easy, CURLOPT_READFUNCTION, CurlTransportTransfer.readBody),
            ccurl_easy_setopt_pointer(easy, CURLOPT_READDATA, Unmanaged.passUnretained(transfer).toOpaque()),
        ]
        if method != "POST" { codes.append(ccurl_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, method)) }
        return codes
    }

    /// The request's headers as they are, and none of curl's own: an empty `Name:` line removes
    /// a header curl would add (`Accept: */*`, a form `Content-Type`, `Expect: 100-continue`,
    /// whose wait would stall every POST by a second).
    static func headerList(_ request: HTTPRequest) -> UnsafeMutablePointer<curl_slist>? {
        var lines = request.headers.map { $0.value.isEmpty ? "\($0.name);" : "\($0.name): \($0.value)" }
        let present = Set(request.headers.map { $0.name.lowercased() })
        for name in ["Accept", "Content-Type", "Expect"] where !present.contains(name.lowercased()) {
            lines.append("\(name):")
        }
        var list: UnsafeMutablePointer<curl_slist>?
        for line in lines {
            guard let longer = curl_slist_append(list, line) else { break }
            list = longer
        }
        return list
    }
}
