import Foundation
import Hummingbird
import ServiceLifecycle
import Logging
import ZTAPages

/// A running emulator of the ZTA webhooks API, listening on a real TCP port.
///
/// ```swift
/// let server = try await SimServer.start(options: SimOptions())
/// defer { Task { await server.stop() } }
/// // talk HTTP to server.baseURL, or inspect server.state directly
/// ```
public final class SimServer: Sendable {
    /// The port the server is bound to (the real one when started with port 0).
    public let port: Int
    public let host: String
    /// The webhooks, for inspection and setup in the same process.
    public let state: SimState
    /// The injected faults, changeable while the server runs.
    public let faults: SimFaults
    /// Request counts by method and outcome.
    public let stats: SimStats
    /// Deliveries of published events.
    public let deliveries: SimDeliveries
    private let task: Task<Void, any Error>
    private let services: ServiceGroup

    /// Marks every answer of the emulator, errors included (value `ztahooks`), so that tools that
    /// must never act on the real API (`ztahooks trigger`) can recognise the emulator first.
    public static let emulatorHeader = "X-ZTA-Emulator"

    /// The console's page: the sites, webhooks, deliveries and faults, live (loopback only).
    public var consoleURL: String { baseURL + "/" }

    /// `http://HOST:PORT`, ready to be used as the API URL.
    public var baseURL: String {
        host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)"
    }

    private init(
        host: String, port: Int, state: SimState, faults: SimFaults, stats: SimStats, deliveries: SimDeliveries,
        task: Task<Void, any Error>, services: ServiceGroup
    ) {
        self.host = host
        self.port = port
        self.state = state
        self.faults = faults
        self.stats = stats
        self.deliveries = deliveries
        self.task = task
        self.services = services
    }

    /// Starts the server in the background and returns once it is listening.
    /// - Parameters:
    ///   - port: 0 picks a free port; read it back from `port`.
    ///   - logger: receives one line per request at `info`; silent when `nil`.
    /// - Throws: `SimError` when the state file is unreadable or the address cannot be bound.
    public static func start(
        host: String = "127.0.0.1", port: Int = 0, options: SimOptions, logger: Logger? = nil
    ) async throws -> SimServer {
        try await start(host: host, port: port, options: options, logger: logger, handleSignals: false)
    }

    /// As `start`, optionally stopping gracefully on SIGINT and SIGTERM (for the command line).
    static func start(
        host: String, port: Int, options: SimOptions, logger: Logger?, handleSignals: Bool
    ) async throws -> SimServer {
        let logger = logger ?? Logger(label: "ztahooks.sim", factory: { _ in SwiftLogNoOpLogHandler() })
        let state = try SimState(statePath: options.statePath, seed: options.seed)
        let faults = SimFaults(options: options)
        let stats = SimStats()
        let changes = PageChanges()
        let deliveries = SimDeliveries(state: state, options: options, logger: logger, changes: changes)
        let responder = SimResponder(
            state: state, faults: faults, stats: stats, deliveries: deliveries, options: options, logger: logger,
            pageGuard: LocalPageGuard(allowRemote: options.allowRemote), changes: changes
        )
        let listening = ListeningSignal()
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                listening.resolve(.success(channel.localAddress?.port ?? port))
            },
            logger: logger
        )
        // Run in a service group so that `stop()` can shut down gracefully: cancelling the server's
        // task while a just-accepted connection waits to be served traps in SwiftNIO
        // ("Deinited NIOAsyncWriter without calling finish()").
        let services = ServiceGroup(configuration: .init(
            services: [app], gracefulShutdownSignals: handleSignals ? [.sigterm, .sigint] : [], logger: logger))
        let task = Task {
            do {
                try await services.run()
                listening.resolve(.failure(SimError.notListening(reason: "the server stopped")))
            } catch {
                listening.resolve(.failure(SimError.notListening(reason: Self.describeBindFailure(error, host: host, port: port))))
                throw error
            }
        }
        let bound: Int
        do {
            bound = try await listening.wait()
        } catch {
            await deliveries.shutdown()
            throw error
        }
        return SimServer(
            host: host, port: bound, state: state, faults: faults, stats: stats, deliveries: deliveries, task: task,
            services: services
        )
    }

    /// NIO's bind errors read like `bind(descriptor:ptr:bytes:): Address already in use (errno: 98)`.
    private static func describeBindFailure(_ error: any Error, host: String, port: Int) -> String {
        let text = "\(error)"
        if text.contains("Address already in use") { return "\(host):\(port) is already in use" }
        if text.contains("Cannot assign requested address") { return "\(host) is not an address of this machine" }
        if text.contains("Permission denied") { return "no permission to listen on \(host):\(port)" }
        return text
    }

    /// Stops listening, ends open connections and returns when the server is down.
    public func stop() async {
        // Gracefully: requests in flight are answered and connections closed. A request still
        // running a second later (a stall injected by a test) is cancelled then.
        await services.triggerGracefulShutdown()
        let task = self.task
        let deadline = Task {
            try await Task.sleep(for: .seconds(1))
            task.cancel()
        }
        _ = try? await task.value
        deadline.cancel()
        await deliveries.shutdown()
        await closeState()
    }

    /// Returns when the server stops (after SIGINT or SIGTERM when started by `runSimServer`).
    public func waitUntilStopped() async throws {
        let result = await task.result
        await deliveries.shutdown()
        await closeState()
        try result.get()
    }

    /// Folds the state file's log at the stop, so that a clean stop leaves the whole state in the
    /// file. A fold that fails loses nothing: the log still holds every change and the next start replays it.
    private func closeState() async {
        try? await state.close()
    }
}
