import HTTPTypes
import Hummingbird
import ServiceLifecycle

/// One server-sent event: `event: NAME` and its data (one line; JSON has no raw line breaks).
public struct ServerSentEvent: Sendable, Equatable {
    public var name: String
    public var data: String

    public init(name: String, data: String = "") {
        self.name = name
        self.data = data
    }

    var wire: String {
        let lines = data.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)\n" }.joined()
        return "event: \(name)\n\(lines.isEmpty ? "data: \n" : lines)\n"
    }
}

/// A `text/event-stream` answer fed by polling: every `interval` it asks `next` for what happened
/// since the last call and writes it. Polling keeps the server's own work (a delivery, an API
/// request) free of any waiting on a browser: a slow or stuck page costs it nothing.
///
/// The stream ends when the client goes, when the server shuts down, and after `lifetime` (the
/// browser's EventSource reconnects by itself), so that no page holds a server's stop.
public enum EventStream {
    /// - Parameters:
    ///   - start: where the stream begins (a version, a sequence number).
    ///   - next: given the last cursor, what happened since and the new cursor.
    public static func response<Cursor: Sendable>(
        interval: Duration = .milliseconds(100), lifetime: Duration = .seconds(300), start: Cursor,
        next: @escaping @Sendable (Cursor) async -> (Cursor, [ServerSentEvent])
    ) -> Response {
        var fields = PageResponse.fields(type: "text/event-stream; charset=utf-8")
        fields[HTTPField.Name("X-Accel-Buffering")!] = "no"
        let body = ResponseBody { writer in
            let clock = ContinuousClock()
            let end = clock.now + lifetime
            var lastWrite = clock.now
            var cursor = start
            try await writer.write(ByteBuffer(string: "retry: 1000\n\n"))
            while clock.now < end, !Task.isCancelled, !Task.isShuttingDownGracefully {
                try? await Task.sleep(for: interval)
                let (moved, events) = await next(cursor)
                cursor = moved
                if !events.isEmpty {
                    try await writer.write(ByteBuffer(string: events.map(\.wire).joined()))
                    lastWrite = clock.now
                } else if clock.now - lastWrite > .seconds(15) {
                    // A comment line: keeps proxies and the browser from closing an idle stream.
                    try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                    lastWrite = clock.now
                }
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: fields, body: body)
    }
}

/// A counter of changes, for a page that refetches its state when it moves.
public actor PageChanges {
    public private(set) var version = 0

    public init() {}

    public func bump() {
        version &+= 1
    }
}
