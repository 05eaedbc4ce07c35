import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The HTTP server of `listen`: every request on any path goes to its `DeliveryReceiver`.
/// Refusals marked `Connection: close` close their connection once written, and idle keep-alive
/// connections close after `idleTimeout`.
public final class ListenServer: Sendable {
    public let receiver: DeliveryReceiver
    private let services: ServiceGroup

    /// `onReady` is told the port once the server listens (the one picked, for port 0).
    /// `handleSignals`: stop gracefully on SIGINT and SIGTERM, answering deliveries in flight first.
    /// `companions` run and stop with it (the inspector's server).
    public init(host: String, port: Int, idleTimeout: Duration, receiver: DeliveryReceiver, handleSignals: Bool = true,
                companions: [any Service] = [], onReady: @escaping @Sendable (Int) -> Void) {
        self.receiver = receiver
        let logger = Logger(label: "ztahooks.listen", factory: { _ in SwiftLogNoOpLogHandler() })
        let idle = TimeAmount.nanoseconds(Int64(idleTimeout.components.seconds) * 1_000_000_000
            + Int64(idleTimeout.components.attoseconds / 1_000_000_000))
        let app = Application(
            responder: ListenResponder(receiver: receiver),
            server: .http1(configuration: .init(additionalChannelHandlers: [ListenConnectionGuard()], idleTimeout: idle)),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in onReady(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        services = ServiceGroup(configuration: .init(
            services: [app] + companions, gracefulShutdownSignals: handleSignals ? [.sigterm, .sigint] : [], logger: logger))
    }

    /// Serves until stopped: by a signal, or by `stop()`. Throws when it cannot listen.
    public func run() async throws {
        try await services.run()
    }

    /// Stops gracefully: requests in flight are answered first.
    public func stop() async {
        await services.triggerGracefulShutdown()
    }
}
