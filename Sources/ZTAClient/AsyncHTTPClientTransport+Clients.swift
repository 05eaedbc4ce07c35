import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

extension AsyncHTTPClientTransport {
    /// The transport's `HTTPClient`s: AsyncHTTPClient takes one proxy per client, while libcurl
    /// picks one per request (by scheme and `no_proxy`), so there is one client per proxy choice,
    /// made when first needed. In practice a transport talks to one API and holds one client.
    ///
    /// Guarded by a lock, which makes the unchecked `Sendable` sound.
    final class ProxiedClients: @unchecked Sendable {
        private let group: any EventLoopGroup
        private let ownedGroup: MultiThreadedEventLoopGroup?
        private let proxies: EnvironmentProxies
        private let configuration: HTTPClient.Configuration
        private let lock = NSLock()
        private var clients: [HTTPClient.Configuration.Proxy?: HTTPClient] = [:]
        private var closed = false

        init(group: any EventLoopGroup, ownedGroup: MultiThreadedEventLoopGroup?, proxies: EnvironmentProxies,
             configuration: HTTPClient.Configuration) {
            self.group = group
            self.ownedGroup = ownedGroup
            self.proxies = proxies
            self.configuration = configuration
        }

        /// The client for a request to `url`; throws `alreadyShutdown` after a shutdown.
        func client(for url: URL) throws -> HTTPClient {
            let proxy = proxies.proxy(for: url)
            return try lock.withLock {
                if closed { throw HTTPClientError.alreadyShutdown }
                if let client = clients[proxy] { return client }
                var configuration = configuration
                configuration.proxy = proxy
                let client = HTTPClient(eventLoopGroup: group, configuration: configuration)
                clients[proxy] = client
                return client
            }
        }

        /// Takes the clients out for a shutdown; nil when one has begun already.
        private func takeForShutdown() -> [HTTPClient]? {
            lock.withLock {
                guard !closed else { return nil }
                closed = true
                return Array(clients.values)
            }
        }

        /// Shuts every client down, then the owned event loop thread, and waits for all of it.
        func shutdown() async {
            guard let clients = takeForShutdown() else { return }
            for client in clients {
                try? await client.shutdown()
            }
            try? await ownedGroup?.shutdownGracefully()
        }

        /// The same without waiting, for `deinit`: each client keeps itself alive until its own
        /// shutdown completes, and the last one to finish stops the owned thread.
        func startShutdown() {
            guard let clients = takeForShutdown() else { return }
            let ownedGroup = ownedGroup
            guard !clients.isEmpty else {
                ownedGroup?.shutdownGracefully { _ in }
                return
            }
            let remaining = Countdown(clients.count)
            for client in clients {
                client.shutdown(queue: .global()) { _ in
                    if remaining.tick() { ownedGroup?.shutdownGracefully { _ in } }
                }
            }
        }
    }

    /// Counts finished shutdowns down to zero.
    final class Countdown: @unchecked Sendable {
        private let lock = NSLock()
        private var left: Int

        init(_ count: Int) { left = count }

        /// True for the call that reaches zero.
        func tick() -> Bool {
            lock.withLock {
                left -= 1
                return left == 0
            }
        }
    }
}
