import CCurl
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension CurlTransport {
    /// Sets up a fresh (or reset) easy handle for one transfer; the failure when curl refuses an option.
    static func configure(_ easy: UnsafeMutableRawPointer, for transfer: CurlTransportTransfer) -> TransportFailure? {
        guard let url = transfer.request.url else {
            return TransportFailure(.permanent, "the API URL \(transfer.target) is not usable")
        }
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        let milliseconds = max(1, Int(seconds(transfer.timeout) * 1000))
        var codes: [CURLcode] = [
            // curl copies every string option, so Swift's temporary C strings are enough.
            ccurl_easy_setopt_string(easy, CURLOPT_URL, url.absoluteString),
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
        ]
        codes += method(easy, transfer.request)
        transfer.headerList = headerList(transfer.request)
        codes.append(ccurl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, transfer.headerList))
        guard let refused = codes.first(where: { $0 != CURLE_OK }) else { return nil }
        return classify(refused, target: transfer.target, timeout: transfer.timeout)
    }

    /// The request's method and body as they are; curl copies the body.
    private static func method(_ easy: UnsafeMutableRawPointer, _ request: URLRequest) -> [CURLcode] {
        let method = request.httpMethod ?? "GET"
        let body = request.httpBody ?? Data()
        if method == "GET", body.isEmpty {
            return [ccurl_easy_setopt_long(easy, CURLOPT_HTTPGET, 1)]
        }
        if method == "HEAD" {
            return [ccurl_easy_setopt_long(easy, CURLOPT_NOBODY, 1)]
        }
        guard !body.isEmpty || ["POST", "PUT", "PATCH"].contains(method) else {
            return [ccurl_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, method)]
        }
        var codes = [ccurl_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))]
        // An empty body still needs a valid pointer; curl copies `size` bytes of it.
        let bytes = body.isEmpty ? Data([0]) : body
        codes.append(bytes.withUnsafeBytes { raw in
            ccurl_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress))
        })
        if method != "POST" { codes.append(ccurl_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, method)) }
        return codes
    }

    /// The request's headers as they are, and none of curl's own: an empty `Name:` line removes
    /// a header curl would add (`Accept: */*`, a form `Content-Type`, `Expect: 100-continue`,
    /// whose wait would stall every POST by a second).
    static func headerList(_ request: URLRequest) -> UnsafeMutablePointer<curl_slist>? {
        let fields = request.allHTTPHeaderFields ?? [:]
        var lines = fields.map { name, value in value.isEmpty ? "\(name);" : "\(name): \(value)" }
        let present = Set(fields.keys.map { $0.lowercased() })
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
