import CCurl
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `HTTPTransport` on libcurl's multi interface: one driver thread runs every transfer, easy
/// handles are pooled and connections kept alive in the multi handle's cache.
///
/// Behaves as `URLSessionTransport` does (no redirects, the body cap, a deadline per attempt,
/// the same failure kinds and wording) at a fraction of its CPU per request.
public final class CurlTransport: HTTPTransport {
    private let driver: CurlTransportDriver
    private let timeout: Duration
    private let maxBodyBytes: Int

    /// - Parameters:
    ///   - timeout: deadline for one attempt, from the call to `send` to the last byte, connect and
    ///     any wait for a free connection included.
    ///   - maxConnectionsPerHost: connections to one host; further requests queue inside curl.
    ///   - maxBodyBytes: answers larger than this are cut off and flagged.
    public init(timeout: Duration, maxConnectionsPerHost: Int, maxBodyBytes: Int) {
        self.driver = CurlTransportDriver(maxConnectionsPerHost: maxConnectionsPerHost)
        self.timeout = timeout
        self.maxBodyBytes = maxBodyBytes
    }

    deinit {
        driver.stop()
    }

    /// Easy handles made, connections opened and handles in flight so far (for tests of reuse).
    var counters: CurlTransportDriver.Counters { driver.counters }

    public func send(_ request: URLRequest) async -> Result<HTTPExchange, TransportFailure> {
        let transfer = CurlTransportTransfer(request: request, target: URLSessionTransport.describe(request.url),
                                             timeout: timeout, maxBodyBytes: maxBodyBytes)
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
