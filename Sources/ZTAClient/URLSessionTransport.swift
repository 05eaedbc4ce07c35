import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `HTTPTransport` on one URLSession: connections are reused, redirects are refused,
/// answers are capped, and every attempt has a hard deadline.
public final class URLSessionTransport: HTTPTransport {
    private let session: URLSession
    private let delegate: SessionDelegate
    private let timeout: Duration

    /// - Parameters:
    ///   - timeout: deadline for one attempt, connect included. Enforced here as well as through
    ///     URLSession, whose own timeouts measure idle time between packets, not the whole request.
    ///   - maxConnectionsPerHost: `httpMaximumConnectionsPerHost`.
    ///   - maxBodyBytes: answers larger than this are cut off and flagged.
    public init(timeout: Duration, maxConnectionsPerHost: Int, maxBodyBytes: Int) {
        let configuration = URLSessionConfiguration.ephemeral
        let backstop = Self.backstopSeconds(timeout)
        configuration.timeoutIntervalForRequest = backstop
        configuration.timeoutIntervalForResource = backstop
        configuration.httpMaximumConnectionsPerHost = maxConnectionsPerHost
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.urlCredentialStorage = nil
        let delegate = SessionDelegate(maxBodyBytes: maxBodyBytes)
        self.delegate = delegate
        self.timeout = timeout
        self.session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    deinit {
        // The session holds its delegate strongly until invalidated.
        session.finishTasksAndInvalidate()
    }

    public func send(_ request: URLRequest) async -> Result<HTTPExchange, TransportFailure> {
        var request = request
        request.timeoutInterval = Self.backstopSeconds(timeout)
        // Messages name the URL as configured, not as rewritten for URLSession.
        let target = Self.describe(request.url)
        request.url = request.url.map(Self.reachable)
        let task = session.dataTask(with: request)
        let id = task.taskIdentifier
        let timeout = self.timeout
        let delegate = self.delegate
        let deadline = Task {
            try await Task.sleep(for: timeout)
            delegate.markTimedOut(taskID: id)
            task.cancel()
        }
        defer { deadline.cancel() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                delegate.register(taskID: id, target: target, timeout: timeout, continuation: continuation)
                task.resume()
            }
        } onCancel: {
            task.cancel()
        }
    }

    /// URLSession's own timeouts, set one second beyond ours so that our deadline fires first and
    /// words the error. On Linux they are truncated to whole seconds, so a sub-second value would
    /// become zero and fail every request at once.
    static func backstopSeconds(_ duration: Duration) -> TimeInterval {
        (seconds(duration) + 1).rounded(.up)
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }

    /// `host:port` (`[::1]:port` for an IPv6 address), for messages: never the path or query.
    static func describe(_ url: URL?) -> String {
        guard let url, var host = url.host else { return "the API" }
        if host.contains(":"), !host.hasPrefix("[") { host = "[\(host)]" }
        if let port = url.port { return "\(host):\(port)" }
        return host
    }
}
