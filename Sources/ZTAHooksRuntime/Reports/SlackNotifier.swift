import Foundation
import ZTAClient
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Posts to a Slack incoming webhook. The URL is itself a secret (anyone holding it can post to
/// the channel), so no message here ever quotes it, not even in part.
public enum SlackNotifier {
    /// Checks the URL before anything runs: https, or plain http to a loopback address for a local receiver.
    public static func validate(_ raw: String, source: String) throws(UsageError) -> URL {
        guard let components = URLComponents(string: raw), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty, let url = components.url
        else {
            throw UsageError("\(source) is not an absolute URL (not shown: it is a secret)")
        }
        switch scheme {
        case "https":
            return url
        case "http" where ClientConfiguration.isLoopback(host: host):
            return url
        default:
            throw UsageError("\(source) must be an https:// URL (plain http:// only to a loopback address); not shown: it is a secret")
        }
    }

    /// Posts `body`; nil when Slack took it, otherwise why not, in words that never contain the URL.
    public static func post(_ body: [UInt8], to url: URL, timeout: TimeInterval = 10) async -> String? {
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body)
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        do {
            let (_, response) = try await session.data(for: request)
            guard let status = (response as? HTTPURLResponse)?.statusCode else { return "no HTTP answer" }
            // Slack's answer body is not shown: it is not ours to echo into a CI log.
            return (200..<300).contains(status) ? nil : "HTTP \(status)"
        } catch let error as URLError {
            // URLError's own description may carry the failing URL; only the code is named.
            switch error.code {
            case .timedOut: return "timed out after \(Int(timeout)) s"
            case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed: return "could not connect"
            case .networkConnectionLost: return "the connection was lost"
            case .secureConnectionFailed, .serverCertificateUntrusted: return "the TLS connection failed"
            default: return "network error \(error.code.rawValue)"
            }
        } catch {
            return "the request failed"
        }
    }
}
