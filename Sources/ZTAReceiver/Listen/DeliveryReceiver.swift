import Foundation
import ZTAWebhooks

/// What `listen` does with a request, whatever carried it: verifies it as a ZTA delivery with the
/// secrets file, passes it on when asked, and tells every observer the record. A replay takes the
/// same path with a request stored before.
public struct DeliveryReceiver: Sendable {
    /// The answer to send back: status, headers in order, body.
    public struct Answer: Sendable, Hashable {
        public var status: Int
        public var headers: [DeliveryHeader]
        public var body: [UInt8]
    }

    public let secrets: ListenSecrets
    public let forwarder: DeliveryForwarder?
    public let observers: [any DeliveryObserver]
    /// Passes each event of a replace's overlap on once; `nil` passes every verified delivery on.
    public let deduplicator: WebhookDeduplicator?

    public init(secrets: ListenSecrets, forwarder: DeliveryForwarder?, observers: [any DeliveryObserver],
                deduplicator: WebhookDeduplicator? = nil) {
        self.secrets = secrets
        self.forwarder = forwarder
        self.observers = observers
        self.deduplicator = deduplicator
    }

    /// Answers `request`, whose body `readBody` reads (only for a POST; it fails with the
    /// rejection of a body over the limit or cut short), and reports its record.
    /// `replayOf`: the inspector's number of the delivery this request replays.
    public func receive(_ request: DeliveryRequest, replayOf: Int? = nil,
                        readBody: () async -> Result<[UInt8], DeliveryRejection>) async -> (Answer, DeliveryRecord) {
        let arrived = Date()
        let started = ContinuousClock.now
        var record = DeliveryRecord(time: arrived, method: request.method, path: request.path, headers: request.headers,
                                    event: request.field("X-ZTA-Event"), id: request.field("X-ZTA-Webhook-ID"), status: 200)
        let answer = await self.answer(request, readBody: readBody, record: &record)
        record.status = answer.status
        record.replayOf = replayOf
        let elapsed = ContinuousClock.now - started
        record.durationMs = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        for observer in observers { await observer.delivered(record) }
        return (answer, record)
    }

    /// Sends a stored request through the same verification and forwarding again, as if it had
    /// just arrived; observers see its new record.
    public func replay(_ request: DeliveryRequest, replayOf: Int? = nil) async -> DeliveryRecord {
        await receive(request, replayOf: replayOf) { .success(request.body) }.1
    }

    private func answer(_ request: DeliveryRequest, readBody: () async -> Result<[UInt8], DeliveryRejection>,
                        record: inout DeliveryRecord) async -> Answer {
        guard request.method == "POST" else {
            var answer = reject(.method(request.method), &record)
            answer.headers.append(DeliveryHeader("Allow", "POST"))
            return answer
        }
        let body: [UInt8]
        switch await readBody() {
        case .success(let bytes): body = bytes
        case .failure(let rejection): return reject(rejection, &record)
        }
        record.body = body
        let payload = Self.payload(body)
        record.event = record.event ?? payload?["event"] as? String
        record.site = (payload?["data"] as? [String: Any])?["siteId"] as? String
        guard let id = record.id else { return reject(.noWebhookId, &record) }
        guard let entry = secrets.entry(id: id) else { return reject(.unknownWebhook, &record) }
        record.site = entry.siteId
        record.name = entry.name
        guard let secret = entry.secret else {
            return reject(entry.isSealedWithoutKey ? .sealedWithoutKey : .adoptedWithoutSecret, &record)
        }
        if case .invalid(let failure) = WebhookSignature.verify(body: Data(body), header: request.field("X-ZTA-Signature"), secret: secret) {
            return reject(.signature(failure), &record)
        }
        guard payload != nil else { return reject(.notJSON, &record) }
        // The other webhook of a replaced pair already brought this event: answered 200 (so that
        // ZTA does not retry it) and not passed on.
        if let deduplicator,
           case .duplicate(let first) = await deduplicator.check(body: body, webhookID: id, pairedWith: secrets.pairedWebhookIDs(of: id),
                                                                 now: record.time) {
            record.duplicateOf = first
            return Self.text(200, "OK (duplicate of the delivery through \(first); not passed on)")
        }
        guard let forwarder else { return Self.text(200, "OK") }
        return await forward(request, body: body, with: forwarder, record: &record)
    }

    private func forward(_ request: DeliveryRequest, body: [UInt8], with forwarder: DeliveryForwarder, record: inout DeliveryRecord) async -> Answer {
        switch await forwarder.forward(method: request.method, headers: request.headers, body: body) {
        case .success(let exchange):
            if exchange.bodyExceededCap {
                record.forwarding = .failed("the app's answer is over \(ListenLimits.maxBodyBytes) bytes")
                return Self.text(502, "Bad Gateway: the app's answer is too large")
            }
            record.forwarding = .answered(exchange.status)
            return Answer(status: exchange.status, headers: exchange.header("content-type").map { [DeliveryHeader("Content-Type", $0)] } ?? [],
                          body: [UInt8](exchange.body))
        case .failure(let failure):
            record.forwarding = .failed(failure.detail)
            return Self.text(502, "Bad Gateway: forwarding failed")
        }
    }

    /// The refusal's answer; one for a malformed or oversized request also closes the connection
    /// (`ListenConnectionGuard`), so that a client is never left waiting on it.
    private func reject(_ rejection: DeliveryRejection, _ record: inout DeliveryRecord) -> Answer {
        record.rejection = rejection
        var answer = Self.text(rejection.status, rejection.description)
        if rejection.closesConnection { answer.headers.append(DeliveryHeader("Connection", "close")) }
        return answer
    }

    /// The delivery as a JSON object; `nil` when it is not one.
    static func payload(_ body: [UInt8]) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
    }

    static func text(_ status: Int, _ text: String) -> Answer {
        Answer(status: status, headers: [DeliveryHeader("Content-Type", "text/plain; charset=utf-8")], body: Array(text.utf8))
    }
}
