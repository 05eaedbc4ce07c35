import Foundation
import Hummingbird
import ZTAPages

/// The console at `/`: a page of the emulator's sites, webhooks, deliveries and faults that
/// updates live, with buttons to publish an event, re-enable a webhook and switch faults. Its
/// changes need the per-run token the page holds; no answer of it carries a secret.
extension SimResponder {
    func console(_ request: Request, path: String) async -> Response {
        switch (request.method, path) {
        case (.get, "/"), (.head, "/"):
            return PageResponse.html(SimConsolePage.html, values: ["TOKEN": pageGuard.token])
        case (.get, "/_console/console.js"):
            return PageResponse.javaScript(SimConsolePage.script)
        case (.get, "/_console/console.css"):
            return PageResponse.css(SimConsolePage.style)
        case (.get, "/_console/state"):
            return PageResponse.json(200, await consoleState().serialized)
        case (.get, "/_console/events"):
            let changes = self.changes
            return EventStream.response(start: await changes.version) { seen in
                let now = await changes.version
                return (now, now == seen ? [] : [ServerSentEvent(name: "changed")])
            }
        case (.post, "/_console/publish"), (.post, "/_console/enable"), (.post, "/_console/faults"):
            if let refusal = pageGuard.refusal(for: request, changes: true, needsToken: true) { return refusal }
            guard let data = await body(of: request) else { return Self.consoleError(413, "Request body too large") }
            let response = await consoleChange(path, data)
            if response.status.code < 300 { await changes.bump() }
            return response
        case (_, "/"), (_, "/_console/console.js"), (_, "/_console/console.css"), (_, "/_console/state"),
            (_, "/_console/events"), (_, "/_console/publish"), (_, "/_console/enable"), (_, "/_console/faults"):
            return Self.consoleError(405, "Method not allowed")
        default:
            return Self.consoleError(404, "Not found")
        }
    }

    private func consoleChange(_ path: String, _ data: Data) async -> Response {
        let body = try? JSONDecoder().decode(ConsoleRequest.self, from: data)
        switch path {
        case "/_console/publish":
            guard let siteId = body?.siteId, !siteId.isEmpty, let event = body?.event else {
                return Self.consoleError(400, "Publish needs siteId and event")
            }
            guard CreateRequest.eventTypes.contains(event) else { return Self.consoleError(400, "Invalid event type: \(event)") }
            let tasks = await deliveries.publish(SimEvent(event: event, siteId: siteId))
            return PageResponse.json(202, #"{"queued":\#(tasks.count)}"#)
        case "/_console/enable":
            guard let id = body?.id else { return Self.consoleError(400, "Enable needs the webhook's id") }
            do {
                guard try await state.enable(id: id) != nil else { return Self.consoleError(404, "Webhook not found") }
            } catch {
                logger.error("\(error)")
                return Self.consoleError(500, "Internal server error")
            }
            return PageResponse.noContent()
        default:
            guard let active = body?.active, active.allSatisfy({ name in SimConsoleFault.all.contains { $0.name == name } }) else {
                return Self.consoleError(400, "Faults takes active: a list of \(SimConsoleFault.all.map(\.name).joined(separator: ", "))")
            }
            var update = SimFaultUpdate()
            for fault in SimConsoleFault.all { fault.set(active.contains(fault.name), in: &update) }
            if let problem = await faults.update(update) { return Self.consoleError(400, problem) }
            return PageResponse.noContent()
        }
    }

    /// Sites (in order of their first webhook) with their webhooks, the newest deliveries with
    /// every attempt, and the faults: what the page shows, never a secret.
    func consoleState() async -> JSONValue {
        var order: [String] = []
        var bySite: [String: [JSONValue]] = [:]
        for webhook in await state.webhooks {
            if bySite[webhook.siteId] == nil { order.append(webhook.siteId) }
            bySite[webhook.siteId, default: []].append(.object([
                ("id", .string(webhook.id)),
                ("url", .string(webhook.url)),
                ("events", .array(webhook.events.map(JSONValue.string))),
                ("active", .bool(webhook.active)),
                ("failuresInARow", .number(Double(webhook.failuresInARow ?? 0))),
                ("createdAt", .string(webhook.createdAt)),
                ("lastTriggered", webhook.lastTriggered.map(JSONValue.string) ?? .null),
            ]))
        }
        let sites = order.map { site in JSONValue.object([("siteId", .string(site)), ("webhooks", .array(bySite[site] ?? []))]) }
        let log = await deliveries.recent(limit: Self.consoleDeliveries)
        let snapshot = await faults.snapshot
        return .object([
            ("sites", .array(sites)),
            ("deliveries", .array(log.map(Self.consoleDelivery))),
            ("faults", .object([
                ("names", .array(SimConsoleFault.all.map { .string($0.name) })),
                ("labels", .object(SimConsoleFault.all.map { ($0.name, .string($0.label)) })),
                ("active", .array(SimConsoleFault.all.filter { $0.isOn(snapshot) }.map { .string($0.name) })),
            ])),
        ])
    }

    /// The newest deliveries the console lists.
    static let consoleDeliveries = 200

    private static func consoleDelivery(_ entry: (record: SimDeliveryRecord, pending: Bool)) -> JSONValue {
        let record = entry.record
        let outcome = entry.pending ? "pending" : record.delivered ? "delivered" : "failed"
        return .object([
            ("id", .string(record.id)),
            ("webhookId", .string(record.webhookId)),
            ("siteId", .string(record.siteId)),
            ("event", .string(record.event)),
            ("url", .string(record.url)),
            ("publishedAt", .string(record.publishedAt)),
            ("attempts", .array(record.attempts.enumerated().map { index, attempt in
                .object([
                    ("attempt", .number(Double(index + 1))),
                    ("time", .string(attempt.startedAt)),
                    ("status", attempt.status.map { .number(Double($0)) } ?? .null),
                    ("durationMs", .number(Double(attempt.durationMs))),
                    ("error", attempt.error.map(JSONValue.string) ?? .null),
                ])
            })),
            ("outcome", .string(outcome)),
            ("disabledWebhook", .bool(record.disabledWebhook)),
        ])
    }

    private static func consoleError(_ status: Int, _ message: String) -> Response {
        PageResponse.json(status, JSONValue.error(message).serialized)
    }

    private struct ConsoleRequest: Decodable {
        var siteId: String?
        var event: String?
        var id: String?
        var active: [String]?
    }
}

/// The faults the console switches: each one a setting of `SimFaults`, on or off.
struct SimConsoleFault: Sendable {
    var name: String
    var label: String
    var set: @Sendable (Bool, inout SimFaultUpdate) -> Void
    var isOn: @Sendable (SimFaultUpdate) -> Bool

    func set(_ on: Bool, in update: inout SimFaultUpdate) { set(on, &update) }

    static let all: [SimConsoleFault] = [
        .init(name: "api-errors", label: "Every API request answers 500, 502 or 503",
              set: { on, update in update.failRate = on ? 1 : 0 }, isOn: { ($0.failRate ?? 0) > 0 }),
        .init(name: "slow-api", label: "Every API answer takes 2 s",
              set: { on, update in update.latencyMs = on ? 2000 : 0 }, isOn: { ($0.latencyMs ?? 0) > 0 }),
        .init(name: "rate-limit", label: "1 API request per second, then 429",
              set: { on, update in update.rateLimit = on ? 1 : 0 }, isOn: { ($0.rateLimit ?? 0) > 0 }),
        .init(name: "drop-after-commit", label: "Creates are stored, then the connection drops",
              set: { on, update in update.dropAfterCommit = on ? 1 : 0 }, isOn: { ($0.dropAfterCommit ?? 0) > 0 }),
        .init(name: "contract-break", label: "Answers break the API's contract",
              set: { on, update in update.contractBreak = on }, isOn: { $0.contractBreak ?? false }),
    ]
}
