import CCurl
import Foundation

/// One request on its way through curl: what to send, and the answer as it arrives.
///
/// Everything but the two flags is touched only on the driver thread (curl calls the callbacks
/// from `curl_multi_perform` there); the flags are guarded by the driver's lock. That makes the
/// unchecked `Sendable` sound.
final class CurlTransportTransfer: @unchecked Sendable {
    let request: HTTPRequest
    let proxies: CurlProxySettings
    let timeout: Duration
    let maxBodyBytes: Int
    var continuation: CheckedContinuation<Result<HTTPExchange, TransportFailure>, Never>?

    /// Guarded by the driver's lock.
    var cancelRequested = false
    /// Guarded by the driver's lock; set once the continuation has been resumed.
    var finished = false

    var handle: UnsafeMutableRawPointer?
    var headerList: UnsafeMutablePointer<curl_slist>?
    var status = 0
    var headers: [String: String] = [:]
    var body = Data()
    /// The request body, read by curl through `readBody`, once.
    var upload: [UInt8] = []
    var uploaded = 0
    var exceededCap = false

    init(request: HTTPRequest, timeout: Duration, maxBodyBytes: Int, proxies: CurlProxySettings) {
        self.request = request
        self.proxies = proxies
        self.timeout = timeout
        self.maxBodyBytes = maxBodyBytes
    }

    /// `host:port` of the request, for messages; made only when one is written.
    var target: String { CurlTransport.describe(URL(string: request.url)) }

    /// Takes a chunk of the body; false once the cap is passed, which makes curl abort.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if body.count + bytes.count > maxBodyBytes {
            exceededCap = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// Takes one header line (status line included) as curl hands it over, raw bytes with their
    /// CRLF; false to abort on a too large Content-Length. Parsed as bytes: on the request path,
    /// Foundation's string trimming cost more than the rest of the header handling together.
    ///
    /// A status line starts a new answer: a `100 Continue` or a proxy's `CONNECT` answer comes
    /// before the real one, and their headers must not leak into it.
    func receiveHeader(_ line: UnsafeRawBufferPointer) -> Bool {
        let bytes = Self.trimmed(line[...])
        if bytes.starts(with: Self.statusPrefix) {
            status = Self.statusCode(bytes)
            headers = [:]
            return true
        }
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return true }
        // Names are ASCII (RFC 9110 tokens): lowercased byte by byte, not by Unicode's rules,
        // into an array (a lazy map would take String's generic, slower path).
        var nameBytes = Array(Self.trimmed(bytes[..<colon]))
        for index in nameBytes.indices where nameBytes[index] >= 0x41 && nameBytes[index] <= 0x5A { nameBytes[index] |= 0x20 }
        let name = String(decoding: nameBytes, as: UTF8.self)
        let value = String(decoding: Self.trimmed(bytes[(colon + 1)...]), as: UTF8.self)
        // Repeated fields are joined as Foundation's `allHeaderFields` joins them.
        headers[name] = headers[name].map { "\($0), \(value)" } ?? value
        if name == "content-length", let length = Int(value), length > maxBodyBytes {
            exceededCap = true
            return false
        }
        return true
    }

    /// The code of a status line, `HTTP/1.1 200 OK`: the three digits after the first space; 0
    /// when they are not there.
    static func statusCode(_ line: Slice<UnsafeRawBufferPointer>) -> Int {
        guard let space = line.firstIndex(of: UInt8(ascii: " ")) else { return 0 }
        var index = space
        while index < line.endIndex, line[index] == UInt8(ascii: " ") { index += 1 }
        var code = 0
        var digits = 0
        while index < line.endIndex, line[index] != UInt8(ascii: " ") {
            let byte = line[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 3 else { return 0 }
            code = code * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
            index += 1
        }
        return digits == 3 ? code : 0
    }

    private static let statusPrefix = Array("HTTP/".utf8)

    /// Without leading and trailing blanks (space, tab, CR, LF).
    static func trimmed(_ bytes: Slice<UnsafeRawBufferPointer>) -> Slice<UnsafeRawBufferPointer> {
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, isBlank(bytes[start]) { start += 1 }
        while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        return bytes[start..<end]
    }

    /// The answer, or why there is none, once curl is done with the transfer.
    func result(_ code: CURLcode) -> Result<HTTPExchange, TransportFailure> {
        if exceededCap, status > 0 {
            return .success(HTTPExchange(status: status, lowercasedHeaders: headers, body: body, bodyExceededCap: true))
        }
        if code == CURLE_OPERATION_TIMEDOUT, status > 0 {
            // The status line and headers came, the body did not finish: not "no answer".
            return .failure(TransportFailure(.timedOut, "the answer from \(target) was incomplete after \(timeout) "
                + "(status \(status) and headers arrived, the body did not finish)"))
        }
        guard code == CURLE_OK else {
            return .failure(CurlTransport.classify(code, target: target, timeout: timeout))
        }
        guard status > 0 else {
            return .failure(TransportFailure(.connectionLost, "\(target) closed the connection without an HTTP answer"))
        }
        return .success(HTTPExchange(status: status, lowercasedHeaders: headers, body: body))
    }

    func cancelled() -> Result<HTTPExchange, TransportFailure> {
        .failure(TransportFailure(.cancelled, "the request to \(target) was cancelled"))
    }
}

extension CurlTransportTransfer {
    /// curl's write callback: the transfer comes back from the `WRITEDATA` pointer, which the
    /// driver's table of active transfers keeps alive (so it is passed unretained).
    static let writeBody: curl_write_callback = { data, size, count, userdata in
        guard let data, let userdata else { return 0 }
        let transfer = Unmanaged<CurlTransportTransfer>.fromOpaque(userdata).takeUnretainedValue()
        let length = size * count
        return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
    }

    /// curl's read callback for the request body. There is deliberately no seek callback: see
    /// `CurlTransport.method`.
    static let readBody: curl_read_callback = { buffer, size, count, userdata in
        guard let buffer, let userdata else { return 0 }
        let transfer = Unmanaged<CurlTransportTransfer>.fromOpaque(userdata).takeUnretainedValue()
        let length = min(size * count, transfer.upload.count - transfer.uploaded)
        guard length > 0 else { return 0 }
        transfer.upload.withUnsafeBytes { raw in
            UnsafeMutableRawPointer(buffer).copyMemory(from: raw.baseAddress! + transfer.uploaded, byteCount: length)
        }
        transfer.uploaded += length
        return length
    }

    /// curl's header callback, one whole line per call.
    static let writeHeader: curl_write_callback = { data, size, count, userdata in
        guard let data, let userdata else { return 0 }
        let transfer = Unmanaged<CurlTransportTransfer>.fromOpaque(userdata).takeUnretainedValue()
        let length = size * count
        return transfer.receiveHeader(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
    }
}
