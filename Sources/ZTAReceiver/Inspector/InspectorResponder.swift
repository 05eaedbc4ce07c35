import Foundation
import Hummingbird
import ZTAPages

/// The page of `listen --inspect` and its endpoints: the deliveries (`/api/deliveries`), one
/// delivery (`/api/deliveries/SEQ`), the live stream (`/events`) and replay
/// (`POST /api/deliveries/SEQ/replay`, with the page's token). Loopback names only unless remote
/// is allowed; no answer carries a secret.
public struct InspectorResponder: HTTPResponder {
    public typealias Context = BasicRequestContext

    let inspector: DeliveryInspector
    let pageGuard: LocalPageGuard
    let target: String?
    let secretsFile: String?
    let listenURL: @Sendable () -> String?
    /// Replays go through it: verified and forwarded again, as if they had just arrived.
    let receiver: DeliveryReceiver

    /// - Parameters:
    ///   - target: the `--forward` URL, shown on the page (its query left out: it may hold a token).
    ///   - listenURL: listen's own address once it is bound.
    public init(
        inspector: DeliveryInspector, pageGuard: LocalPageGuard, target: String?, secretsFile: String?,
        listenURL: @escaping @Sendable () -> String?, receiver: DeliveryReceiver
    ) {
        self.inspector = inspector
        self.pageGuard = pageGuard
        self.target = target.map(Self.withoutQuery)
        self.secretsFile = secretsFile
        self.listenURL = listenURL
        self.receiver = receiver
    }

    public func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        let changing = request.method != .get && request.method != .head
        if let refusal = pageGuard.refusal(for: request, changes: changing, needsToken: changing) { return refusal }
        let path = request.uri.path
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        switch (request.method, path) {
        case (.get, "/"), (.head, "/"):
            return PageResponse.html(InspectorPage.html, values: ["TOKEN": pageGuard.token, "TARGET": target ?? "listen itself"])
        case (.get, "/inspector.js"):
            return PageResponse.javaScript(InspectorPage.script)
        case (.get, "/inspector.css"):
            return PageResponse.css(InspectorPage.style)
        case (.get, "/api/deliveries"):
            return PageResponse.json(200, InspectorJSON.list(await inspector.newestFirst, keep: inspector.keep, target: target, listen: listenURL()))
        case (.get, "/events"):
            let inspector = self.inspector
            return EventStream.response(start: await inspector.lastSeq) { seen in
                let fresh = await inspector.after(seq: seen)
                return (fresh.last?.seq ?? seen, fresh.map { ServerSentEvent(name: "delivery", data: InspectorJSON.summary($0)) })
            }
        default:
            break
        }
        if parts.count >= 3, parts[0] == "api", parts[1] == "deliveries", let seq = Int(parts[2]) {
            if parts.count == 3, request.method == .get {
                guard let entry = await inspector.entry(seq: seq) else { return Self.error(404, "No delivery \(seq) is kept") }
                return PageResponse.json(200, InspectorJSON.detail(entry, listenURL: listenURL(), secretsFile: secretsFile))
            }
            if parts.count == 4, parts[3] == "replay", request.method == .post {
                return await replay(seq)
            }
            return Self.error(405, "Method not allowed")
        }
        return Self.error(404, "Not found")
    }

    private func replay(_ seq: Int) async -> Response {
        guard let entry = await inspector.entry(seq: seq) else { return Self.error(404, "No delivery \(seq) is kept") }
        let record = entry.record
        guard let body = record.body, !entry.bodyDropped else {
            return Self.error(409, entry.bodyDropped
                ? "Delivery \(seq)'s body was let go to keep memory bounded; it cannot be replayed"
                : "Delivery \(seq) was refused before its body was read; there is nothing to replay")
        }
        _ = await receiver.replay(DeliveryRequest(method: record.method, path: record.path, headers: record.headers, body: body), replayOf: seq)
        guard let replayed = await inspector.newestReplay(of: seq) else {
            return Self.error(502, "The replay ran, but the inspector did not see it")
        }
        return PageResponse.json(200, #"{"seq":\#(replayed.seq)}"#)
    }

    static func withoutQuery(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        if components.query != nil { components.query = "…" }
        return components.string ?? url
    }

    private static func error(_ status: Int, _ message: String) -> Response {
        PageResponse.json(status, #"{"error":"# + PageResponse.jsonString(message) + "}")
    }
}
