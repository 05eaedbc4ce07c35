import AsyncHTTPClient
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import NIOCore
import NIOHTTP1
import NIOPosix

/// `HTTPTransport` on AsyncHTTPClient (SwiftNIO), with the same contract as
/// `URLSessionTransport`: connections reused, redirects refused, answers capped, a hard deadline
/// per attempt, and the same failure kinds and words.
///
/// Lifetime: an `HTTPClient` must be shut down before it goes away, and its shutdown is
/// asynchronous. `shutdown()` does it and waits; a transport dropped without it starts the same
/// shutdown from `deinit` without waiting (the client keeps itself alive until its connections
/// are closed), so neither path leaks a connection or, with `.dedicated` loops, a thread.
public final class AsyncHTTPClientTransport: HTTPTransport {
    /// Where the transport's network I/O runs.
    public enum EventLoops: Sendable {
        /// SwiftNIO's process-wide group (one thread per core), shared with every other NIO user in
        /// the process, such as the embedded emulator; it is never shut down.
        case shared
        /// A group of one thread owned by this transport and shut down with it.
        case dedicated
    }

    let clients: ProxiedClients
    let timeout: Duration
    let maxBodyBytes: Int

    /// - Parameters:
    ///   - timeout: deadline for one attempt, connect, answer and body included.
    ///   - maxConnectionsPerHost: the pool's HTTP/1.1 connections per host.
    ///   - maxBodyBytes: answers larger than this are cut off and flagged.
    ///   - eventLoops: see `EventLoops`; `.shared` costs no thread of its own.
    ///   - environment: where the proxy variables are read (`HTTPS_PROXY`, `NO_PROXY`, ...), as
    ///     libcurl, and so `URLSessionTransport`, reads them.
    public init(timeout: Duration, maxConnectionsPerHost: Int, maxBodyBytes: Int, eventLoops: EventLoops = .shared,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.timeout = timeout
        self.maxBodyBytes = maxBodyBytes
        let group: any EventLoopGroup
        let owned: MultiThreadedEventLoopGroup?
        switch eventLoops {
        case .shared:
            group = MultiThreadedEventLoopGroup.singleton
            owned = nil
        case .dedicated:
            owned = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            group = owned!
        }
        clients = ProxiedClients(group: group, ownedGroup: owned, proxies: EnvironmentProxies(environment),
                                 configuration: Self.configuration(timeout: timeout, maxConnectionsPerHost: maxConnectionsPerHost))
    }

    deinit {
        clients.startShutdown()
    }

    /// Closes every connection and, with `.dedicated` loops, stops the thread; waits for both.
    /// The transport must not be used afterwards.
    public func shutdown() async {
        await clients.shutdown()
    }

    /// The client's settings, the same for every proxy choice.
    static func configuration(timeout: Duration, maxConnectionsPerHost: Int) -> HTTPClient.Configuration {
        let amount = TimeAmount(timeout)
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: amount, read: amount),
            decompression: .disabled
        )
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = maxConnectionsPerHost
        // A refused connection must fail the attempt at once, as with URLSession; the client's
        // retry policy decides what happens next, not the pool's silent reconnecting.
        configuration.connectionPool.retryConnectionEstablishment = false
        // HTTP/1.1 only: the API answers small JSON documents on a handful of connections, where
        // HTTP/2's multiplexing buys nothing, and one protocol keeps failures (a dropped connection
        // is one request lost, not all streams) and the per-host limit the same as URLSession's.
        configuration.httpVersion = .http1Only
        return configuration
    }

    public func send(_ request: URLRequest) async -> Result<HTTPExchange, TransportFailure> {
        let target = URLSessionTransport.describe(request.url)
        guard let url = request.url, let outgoing = Self.outgoing(request, url: url) else {
            return .failure(TransportFailure(.permanent, "the API URL \(target) is not usable"))
        }
        let client: HTTPClient
        do {
            client = try clients.client(for: url)
        } catch {
            return .failure(Self.classify(error, target: target, timeout: timeout))
        }
        do {
            let response = try await client.execute(outgoing, deadline: .now() + TimeAmount(timeout))
            return .success(try await read(response))
        } catch {
            return .failure(Self.classify(error, target: target, timeout: timeout))
        }
    }

    /// The method, headers and body of `request`, sent as they are.
    static func outgoing(_ request: URLRequest, url: URL) -> HTTPClientRequest? {
        guard url.host != nil, ["http", "https"].contains(url.scheme?.lowercased()) else { return nil }
        var outgoing = HTTPClientRequest(url: url.absoluteString)
        outgoing.method = NIOHTTP1.HTTPMethod(rawValue: request.httpMethod ?? "GET")
        for (name, value) in request.allHTTPHeaderFields ?? [:] {
            outgoing.headers.add(name: name, value: value)
        }
        if let body = request.httpBody {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        return outgoing
    }

    /// Reads the body under the cap. An announced length above the cap is refused before a byte
    /// is read; a body that grows past it is cut off there. Returning early drops the body
    /// stream, which makes AsyncHTTPClient close that connection instead of reusing it.
    func read(_ response: HTTPClientResponse) async throws -> HTTPExchange {
        var headers: [String: String] = [:]
        // Repeated fields are joined with ", ", as URLSession's `allHeaderFields` does.
        for (name, value) in response.headers {
            let key = name.lowercased()
            headers[key] = headers[key].map { "\($0), \(value)" } ?? value
        }
        let status = Int(response.status.code)
        if let length = response.headers.first(name: "content-length").flatMap(Int.init), length > maxBodyBytes {
            return HTTPExchange(status: status, headers: headers, bodyExceededCap: true)
        }
        var body = Data()
        for try await buffer in response.body {
            if body.count + buffer.readableBytes > maxBodyBytes {
                return HTTPExchange(status: status, headers: headers, body: body, bodyExceededCap: true)
            }
            body.append(contentsOf: buffer.readableBytesView)
        }
        return HTTPExchange(status: status, headers: headers, body: body)
    }
}

extension TimeAmount {
    /// The same span in nanoseconds, SwiftNIO's unit.
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
