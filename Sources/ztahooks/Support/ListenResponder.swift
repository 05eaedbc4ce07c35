import Foundation
import Hummingbird
import ZTAWebhooks

/// Answers every request to `listen`, whatever its path: verifies it as a ZTA delivery, passes it
/// on when asked, and reports one record per request.
struct ListenResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let secrets: ListenSecrets
    let forwarder: DeliveryForwarder?
    let printBody: Bool
    let report: @Sendable (DeliveryRecord) -> Void

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        var record = DeliveryRecord(time: Date(), event: request.headers[.init("X-ZTA-Event")!],
                                    id: request.headers[.init("X-ZTA-Webhook-ID")!], status: 200)
        let response = await answer(request, record: &record)
        record.status = Int(response.status.code)
        report(record)
        return response
    }

    private func answer(_ request: Request, record: inout DeliveryRecord) async -> Response {
        guard request.method == .post else {
            var response = reject(.method(request.method.rawValue), &record)
            response.headers[.allow] = "POST"
            return response
        }
        let body: Data
        switch await Self.body(of: request) {
        case .success(let bytes): body = bytes
        case .failure(let rejection): return reject(rejection, &record)
        }
        if printBody { record.body = String(decoding: body, as: UTF8.self) }
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
        if case .invalid(let failure) = WebhookSignature.verify(body: body, header: request.headers[.init("X-ZTA-Signature")!], secret: secret) {
            return reject(.signature(failure), &record)
        }
        guard payload != nil else { return reject(.notJSON, &record) }
        guard let forwarder else { return Self.text(200, "OK") }
        return await forward(request, body: body, with: forwarder, record: &record)
    }

    private func forward(_ request: Request, body: Data, with forwarder: DeliveryForwarder, record: inout DeliveryRecord) async -> Response {
        let headers = request.headers.map { (name: $0.name.rawName, value: $0.value) }
        switch await forwarder.forward(method: request.method.rawValue, headers: headers, body: body) {
        case .success(let exchange):
            if exchange.bodyExceededCap {
                record.forwarding = .failed("the app's answer is over \(ListenLimits.maxBodyBytes) bytes")
                return Self.text(502, "Bad Gateway: the app's answer is too large")
            }
            record.forwarding = .answered(exchange.status)
            var response = Response(status: .init(code: exchange.status), body: .init(byteBuffer: ByteBuffer(bytes: exchange.body)))
            if let type = exchange.header("content-type") { response.headers[.contentType] = type }
            return response
        case .failure(let failure):
            record.forwarding = .failed(failure.detail)
            return Self.text(502, "Bad Gateway: forwarding failed")
        }
    }

    /// The refusal's answer; one for a malformed or oversized request also closes the connection
    /// (`ListenConnectionGuard`), so that a client is never left waiting on it.
    private func reject(_ rejection: DeliveryRejection, _ record: inout DeliveryRecord) -> Response {
        record.rejection = rejection
        var response = Self.text(rejection.status, rejection.description)
        if rejection.closesConnection { response.headers[.connection] = "close" }
        return response
    }

    /// The body up to the limit. A declared length over the limit is refused before reading
    /// anything, a body without one is read no further than the limit, and a body that ends
    /// before its declared length is told apart from one that is too large.
    static func body(of request: Request) async -> Result<Data, DeliveryRejection> {
        let declared = request.headers[.contentLength].flatMap(Int.init)
        if let declared, declared > ListenLimits.maxBodyBytes { return .failure(.tooLarge) }
        var body = Data()
        do {
            for try await chunk in request.body {
                guard body.count + chunk.readableBytes <= ListenLimits.maxBodyBytes else { return .failure(.tooLarge) }
                body.append(contentsOf: chunk.readableBytesView)
            }
        } catch {
            // The parser gives up when the connection ends inside the body.
            return .failure(.bodyEnded(received: body.count, declared: declared))
        }
        if let declared, body.count < declared { return .failure(.bodyEnded(received: body.count, declared: declared)) }
        return .success(body)
    }

    /// The delivery as a JSON object; `nil` when it is not one.
    static func payload(_ body: Data) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }

    static func text(_ status: Int, _ text: String) -> Response {
        Response(status: .init(code: status), headers: [.contentType: "text/plain; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
