import Foundation
import ZTAClient

/// Passes verified deliveries on to a local app: the same method, body and headers, to the
/// `--forward` URL exactly as given (the path the delivery arrived on is not appended, so a
/// receiver can listen on one path while the app takes deliveries on another).
public struct DeliveryForwarder: Sendable {
    /// Hop-by-hop headers (RFC 9110, 7.6.1) belong to the connection, not the message; `Host`
    /// and `Content-Length` are the new request's own, and `Expect: 100-continue` was settled
    /// when the body was read.
    static let connectionHeaders: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization",
        "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect",
    ]

    public let target: URL
    private let transport: CurlTransport

    public init(target: URL) {
        self.target = target
        // The app's answer is passed back, so it is held to the same 1 MB as a delivery.
        transport = CurlTransport(timeout: ListenLimits.forwardTimeout, maxConnectionsPerHost: 16,
                                  maxBodyBytes: ListenLimits.maxBodyBytes)
    }

    /// Checks `--forward`: https anywhere, plain http only to a loopback address.
    public static func validate(_ raw: String) -> URL? {
        guard let components = URLComponents(string: raw), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty, components.user == nil, let url = components.url
        else { return nil }
        switch scheme {
        case "https": return url
        case "http" where ClientConfiguration.isLoopback(host: host): return url
        default: return nil
        }
    }

    /// The app's answer, or why there is none (never with the URL's query, which may hold a token).
    public func forward(method: String, headers: [DeliveryHeader], body: [UInt8]) async -> Result<HTTPExchange, TransportFailure> {
        var request = HTTPRequest(method: method, url: target.absoluteString, body: body)
        let named = Set(headers.first { $0.name.lowercased() == "connection" }?.value
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? [])
        for header in headers {
            let name = header.name.lowercased()
            guard !Self.connectionHeaders.contains(name), !named.contains(name) else { continue }
            request.headers.append(HTTPRequest.Header(header.name, header.value))
        }
        return await transport.send(request)
    }
}
