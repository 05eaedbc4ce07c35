import CCurl
import Foundation

/// `HTTPTransport` on libcurl's multi interface: one driver thread runs every transfer, easy
/// handles are pooled and connections kept alive in the multi handle's cache.
///
/// No redirects, the body cap, a deadline per attempt, `HTTPS_PROXY`/`NO_PROXY` read as libcurl
/// reads them (`CurlProxySettings`). It replaced a URLSession transport that cost about three times its CPU per request
/// (measured with `scripts/bench`; the numbers are in the README's performance section).
public final class CurlTransport: HTTPTransport {
    private let driver: CurlTransportDriver
    private let timeout: Duration
    private let maxBodyBytes: Int
    private let proxies: CurlProxySettings

    /// - Parameters:
    ///   - timeout: deadline for one attempt, from the call to `send` to the last byte, connect and
    ///     any wait for a free connection included.
    ///   - maxConnectionsPerHost: connections to one host; further requests queue inside curl.
    ///   - maxBodyBytes: answers larger than this are cut off and flagged.
    ///   - proxies: the proxies to use; by default those of the process's environment, read now.
    public init(timeout: Duration, maxConnectionsPerHost: Int, maxBodyBytes: Int,
                proxies: CurlProxySettings = CurlProxySettings(environment: ProcessInfo.processInfo.environment)) {
        self.driver = CurlTransportDriver(maxConnectionsPerHost: maxConnectionsPerHost)
        self.timeout = timeout
        self.maxBodyBytes = maxBodyBytes
        self.proxies = proxies
    }

    deinit {
        driver.stop()
    }

    /// Easy handles made, connections opened and handles in flight so far (for tests of reuse).
    var counters: CurlTransportDriver.Counters { driver.counters }

    /// `host:port` (`[::1]:port` for an IPv6 address), for messages: never the path or query.
    static func describe(_ url: URL?) -> String {
        guard let url, var host = url.host else { return "the API" }
        if host.contains(":"), !host.hasPrefix("[") { host = "[\(host)]" }
        if let port = url.port { return "\(host):\(port)" }
        return host
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }

    public func send(_ request: HTTPRequest) async -> Result<HTTPExchange, TransportFailure> {
        let transfer = CurlTransportTransfer(request: request, timeout: timeout, maxBodyBytes: maxBodyBytes, proxies: proxies)
        let driver = self.driver
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                transfer.continuation = continuation
                driver.submit(transfer)
            }
        } onCancel: {
            driver.cancel(transfer)
        }
    }
}
