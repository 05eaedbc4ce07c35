import Foundation
import Logging

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
    private let session: URLSession
    private var failuresInARow: [String: Int] = [:]
    private var finished: [SimDeliveryRecord] = []
    private var running: [UUID: Task<SimDeliveryRecord, Never>] = [:]

    init(state: SimState, options: SimOptions, logger: Logger) {
        self.state = state
        self.scale = max(options.deliveryTimeScale, 0.000_001)
        self.timeout = options.deliveryTimeout
        self.disableAfter = max(options.disableAfterFailures, 1)
        self.logger = logger
        self.session = URLSession(configuration: .ephemeral)
    }

    /// Finished deliveries, oldest first.
    public var records: [SimDeliveryRecord] { finished }

    /// Starts delivering `event` to every active webhook of its site subscribed to its type.
    /// - Returns: the tasks, one per webhook, which end with the delivery's record.
    func publish(_ event: SimEvent) async -> [Task<SimDeliveryRecord, Never>] {
        let targets = await state.webhooks(siteId: event.siteId).filter { $0.active && $0.events.contains(event.event) }
        let body = Data(event.payload(at: SimTimestamp.string(from: Date())).serialized.utf8)
        return targets.map { webhook in
            let key = UUID()
            let task = Task {
                let record = await self.deliver(event: event.event, body: body, to: webhook)
                return await self.finish(record, key: key)
            }
            running[key] = task
            return task
        }
    }

    /// Forgets finished deliveries and failure counts (for `/_sim/reset`).
    func reset() {
        finished = []
        failuresInARow = [:]
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
        var record = record
        if record.delivered {
            failuresInARow[record.webhookId] = 0
            _ = try? await state.markTriggered(id: record.webhookId)
        } else if !Task.isCancelled {
            let failures = failuresInARow[record.webhookId, default: 0] + 1
            failuresInARow[record.webhookId] = failures
            if failures >= disableAfter, (try? await state.disable(id: record.webhookId)) != nil {
                record.disabledWebhook = true
                logger.info("webhook \(record.webhookId) disabled after \(failures) failed deliveries")
            }
        }
        finished.append(record)
        return record
    }

    private nonisolated func deliver(event: String, body: Data, to webhook: SimWebhook) async -> SimDeliveryRecord {
        let signature = SimSignature.header(body: body, secret: webhook.secret)
        var record = SimDeliveryRecord(
            webhookId: webhook.id, url: webhook.url, event: event, body: String(decoding: body, as: UTF8.self),
            signature: signature, attempts: [], delivered: false, disabledWebhook: false
        )
        guard let url = URL(string: webhook.url) else {
            record.attempts.append(.init(status: nil, error: "invalid URL"))
            return record
        }
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(signature, forHTTPHeaderField: "X-ZTA-Signature")
        request.setValue(event, forHTTPHeaderField: "X-ZTA-Event")
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
            logger.info("delivery \(event) to \(webhook.id): \(attempt.status.map(String.init) ?? attempt.error ?? "")")
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
        return await withCheckedContinuation { continuation in
            let first = FirstOutcome(continuation)
            let timer = Task {
                try? await Task.sleep(for: limit)
                first.offer(.init(status: nil, error: "timeout"))
            }
            Task {
                do {
                    let (_, response) = try await session.data(for: request)
                    first.offer(.init(status: (response as? HTTPURLResponse)?.statusCode, error: nil))
                } catch {
                    first.offer(.init(status: nil, error: "connection failed"))
                }
                timer.cancel()
            }
        }
    }
}
