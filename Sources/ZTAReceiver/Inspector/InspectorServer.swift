import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import ZTAPages

/// The inspector's own HTTP server, beside listen's: its page, the deliveries, replays.
public enum InspectorServer {
    /// A server to run with `ListenServer`'s companions; `onReady` is told the port it bound.
    public static func service(
        host: String, port: Int, responder: InspectorResponder, onReady: @escaping @Sendable (Int) -> Void
    ) -> some Service {
        Application(
            responder: responder,
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in onReady(channel.localAddress?.port ?? 0) },
            logger: Logger(label: "ztahooks.inspect", factory: { _ in SwiftLogNoOpLogHandler() })
        )
    }
}

/// An address known once a server is bound, read from other tasks.
public final class BoundAddress: @unchecked Sendable {
    private let lock = NSLock()
    private var address: String?

    public init() {}

    public var value: String? { lock.withLock { address } }

    public func set(_ address: String) { lock.withLock { self.address = address } }
}
