import Foundation
import Hummingbird
import Logging

/// A webhook receiver on a loopback port: records every delivery and answers from a script.
final class TestReceiver: Sendable {
    struct Delivery: Sendable {
        var headers: [String: String]
        var body: Data
        /// Path and query as requested.
        var target: String = ""
        /// The `Host` header (HTTP/1 hands it over as the request's authority, not as a field).
        var host: String?

        func header(_ name: String) -> String? {
            headers.first { $0.key.lowercased() == name.lowercased() }?.value
        }
    }

    actor Log {
        var deliveries: [Delivery] = []
        var statuses: [Int]
        let hold: Duration

        init(statuses: [Int], hold: Duration) {
            self.statuses = statuses
            self.hold = hold
        }

        /// Records a delivery; returns the status to answer (the last one repeats).
        func record(_ delivery: Delivery) -> Int {
            deliveries.append(delivery)
            return statuses.count > 1 ? statuses.removeFirst() : statuses.first ?? 200
        }
    }

    let port: Int
    let log: Log
    private let task: Task<Void, any Error>

    var url: String { "http://127.0.0.1:\(port)/hook" }

    private init(port: Int, log: Log, task: Task<Void, any Error>) {
        self.port = port
        self.log = log
        self.task = task
    }

    static func start(statuses: [Int] = [200], hold: Duration = .zero) async throws -> TestReceiver {
        let log = Log(statuses: statuses, hold: hold)
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let buffer = try await request.body.collect(upTo: 1 << 20)
            let status = await log.record(Delivery(
                headers: headers, body: Data(buffer.readableBytesView), target: request.uri.description,
                host: request.head.authority
            ))
            if log.hold > .zero { try? await Task.sleep(for: log.hold) }
            return Response(status: .init(code: status))
        }
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: Logger(label: "receiver", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let task = Task { try await app.run() }
        var iterator = stream.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        return TestReceiver(port: port, log: log, task: task)
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}
