import Foundation
import Logging
import ZTAPages

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends published events to subscribed webhooks as the document's delivery section describes:
/// signed bodies, a 5 s timeout, retries after 5 s and 25 s on 5xx and timeouts, `lastTriggered` on
/// success, and disabling after repeated failed deliveries.
public actor SimDeliveries {
    /// Waits before each attempt, before scaling.
    static let attemptDelays: [Duration] = [.zero, .seconds(5), .seconds(25)]

    private let state: SimState
    private let scale: Double
    private let timeout: Duration
    private let disableAfter: Int
    private let logger: Logger
    private let routes: [String: SimRoute]
    private let session: URLSession
    private var finished = SimDeliveryLog()
    private var running: [UUID: Task<SimDeliveryRecord, Never>] = [:]
    /// Deliveries on their way, as far as they got: the console shows their attempts so far.
    private var inFlight: [UUID: SimDeliveryRecord] = [:]
    private let changes: PageChanges?
    private var random: SimRandom

    init(state: SimState, options: SimOptions, logger: Logger, changes: PageChanges? = nil) {
        self.changes = changes
        self.state = state
        self.scale = max(options.deliveryTimeScale, 0.000_001)
        self.timeout = options.deliveryTimeout
        self.disableAfter = max(options.disableAfterFailures, 1)
        self.routes = options.routes
        self.logger = logger
        self.session = URLSession(configuration: .ephemeral)
        // A stream of its own, so that publishing does not change the ids and secrets of a seeded run.
        self.random = SimRandom(seed: options.seed.map { $0 ^ 0x444C_5652_5953_494D })
    }

    /// Finished deliveries, oldest first: the last `SimDeliveryLog.defaultCapacity` (10,000).
    public var records: [SimDeliveryRecord] { finished.records }

    /// Finished deliveries of one webhook and/or one site, oldest first.
    public func records(webhookId: String?, siteId: String?) -> [SimDeliveryRecord] {
        finished.records(webhookId: webhookId, siteId: siteId)
    }

    /// The newest deliveries first, those still on their way (`pending`) before the finished ones.
    func recent(limit: Int) -> [(record: SimDeliveryRecord, pending: Bool)] {
        let pending = inFlight.values.sorted { ($0.publishedAt, $0.id) > ($1.publishedAt, $1.id) }.map { ($0, true) }
        let done = finished.records.suffix(max(limit - pending.count, 0)).reversed().map { ($0, false) }
        return Array((pending + done).prefix(limit))
    }

    /// Starts delivering `event` to every active webhook of its site subscribed to its type.
    /// - Returns: the tasks, one per webhook, which end with the delivery's record.
    func publish(_ event: SimEvent) async -> [Task<SimDeliveryRecord, Never>] {
        let targets = await state.webhooks(siteId: event.siteId).filter { $0.active && $0.events.contains(event.event) }
        let publishedAt = SimTimestamp.string(from: Date())
        let body = Data(event.payload(at: publishedAt).serialized.utf8)
        return targets.map { webhook in
            let key = UUID()
            let delivery = Delivery(id: random.deliveryID(), event: event.event, publishedAt: publishedAt, body: body)
            let task = Task {
                let record = await self.deliver(delivery, to: webhook, key: key)
                return await self.finish(record, key: key)
            }
            running[key] = task
            return task
        }
    }

    /// Forgets finished deliveries (for `/_sim/reset`, which also forgets the webhooks and their failure counts).
    func reset() {
        finished.removeAll()
        inFlight.removeAll()
    }

    /// Cancels deliveries still waiting for a retry.
    func shutdown() async {
        let tasks = Array(running.values)
        running = [:]
        for task in tasks { task.cancel() }
        for task in tasks { _ = await task.value }
        session.invalidateAndCancel()
    }

    /// Books the outcome; returns the record as finally kept.
    private func finish(_ record: SimDeliveryRecord, key: UUID) async -> SimDeliveryRecord {
        running[key] = nil
        inFlight[key] = nil
        var record = record
        if record.delivered {
            _ = try? await state.markTriggered(id: record.webhookId)
        } else if !Task.isCancelled {
            // Counted in the state, not here, so that a sandbox that starts afresh for every
            // event still disables a receiver that keeps failing.
            if (try? await state.recordFailedDelivery(id: record.webhookId, disableAfter: disableAfter)) == true {
                record.disabledWebhook = true
                logger.info("webhook \(record.webhookId) disabled after \(disableAfter) failed deliveries in a row")
            }
        }
        finished.append(record)
        await changes?.bump()
        return record
    }

    /// One event on its way to one webhook.
    private struct Delivery: Sendable {
        var id: String
        var event: String
        var publishedAt: String
        var body: Data
    }

    /// Notes how far a delivery got, for the console.
    private func progress(_ record: SimDeliveryRecord, key: UUID) async {
        guard running[key] != nil else { return }
        inFlight[key] = record
        await changes?.bump()
    }

    private nonisolated func deliver(_ delivery: Delivery, to webhook: SimWebhook, key: UUID) async -> SimDeliveryRecord {
        let signature = SimSignature.header(body: delivery.body, secret: webhook.secret)
        let target = SimDeliveryTarget(webhookURL: webhook.url, routes: routes)
        var record = SimDeliveryRecord(
            id: delivery.id, siteId: webhook.siteId, webhookId: webhook.id, url: webhook.url, routedTo: target?.routedTo,
            event: delivery.event, publishedAt: delivery.publishedAt, body: String(decoding: delivery.body, as: UTF8.self),
            signature: signature, attempts: [], delivered: false, disabledWebhook: false
        )
        await progress(record, key: key)
        guard let target else {
            record.attempts.append(.init(status: nil, error: "invalid URL", startedAt: delivery.publishedAt, durationMs: 0))
            return record
        }
        var request = URLRequest(url: target.url)
        request.httpMethod = "POST"
        request.httpBody = delivery.body
        // A routed delivery still names the declared host, so virtual hosts and proxies that look
        // at it behave as in production. Linux's URLSession hands the header to libcurl, which
        // sends it in place of its own (tests check what the receiver sees); Apple's URLSession
        // documents Host as reserved and may send ADDR:PORT instead.
        if let hostHeader = target.hostHeader { request.setValue(hostHeader, forHTTPHeaderField: "Host") }
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(signature, forHTTPHeaderField: "X-ZTA-Signature")
        request.setValue(delivery.event, forHTTPHeaderField: "X-ZTA-Event")
        request.setValue(webhook.id, forHTTPHeaderField: "X-ZTA-Webhook-ID")
        request.setValue("ZTA-Webhooks (ztahooks emulator)", forHTTPHeaderField: "User-Agent")
        // A backstop that ends a request left behind by a timeout; the race in `attempt` decides.
        request.timeoutInterval = Double(timeout.components.seconds) + 2
        for delay in Self.attemptDelays {
            if delay > .zero {
                do {
                    try await Task.sleep(for: delay / scale)
                } catch {
                    return record
                }
            }
            let attempt = await attempt(request)
            record.attempts.append(attempt)
            await progress(record, key: key)
            logger.info("delivery \(delivery.event) to \(webhook.id): \(attempt.status.map(String.init) ?? attempt.error ?? "") in \(attempt.durationMs) ms")
            if let status = attempt.status {
                if (200..<300).contains(status) {
                    record.delivered = true
                    return record
                }
                // The document retries 5xx and timeouts only.
                if !(500..<600).contains(status) { return record }
            }
        }
        return record
    }

    private nonisolated func attempt(_ request: URLRequest) async -> SimDeliveryRecord.Attempt {
        let session = self.session
        let limit = timeout
        let startedAt = SimTimestamp.string(from: Date())
        let start = ContinuousClock.now
        let outcome: (status: Int?, error: String?) = await withCheckedContinuation { continuation in
            let first = FirstOutcome<(status: Int?, error: String?)>(continuation)
            let timer = Task {
                try? await Task.sleep(for: limit)
                first.offer((nil, "timeout"))
            }
            Task {
                do {
                    let (_, response) = try await session.data(for: request)
                    first.offer(((response as? HTTPURLResponse)?.statusCode, nil))
                } catch {
                    first.offer((nil, "connection failed"))
                }
                timer.cancel()
            }
        }
        let elapsed = ContinuousClock.now - start
        let durationMs = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        return .init(status: outcome.status, error: outcome.error, startedAt: startedAt, durationMs: durationMs)
    }
}
