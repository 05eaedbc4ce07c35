import Foundation
import HTTPTypes
import Hummingbird

/// Answers every request to `listen`, whatever its path, through the `DeliveryReceiver`: reads
/// the body within the limit, and turns the receiver's answer into a response.
struct ListenResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let receiver: DeliveryReceiver

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        let received = DeliveryRequest(method: request.method.rawValue, path: request.head.path ?? "",
                                       headers: request.headers.map { DeliveryHeader($0.name.rawName, $0.value) }, body: [])
        let (answer, _) = await receiver.receive(received) { await Self.body(of: request) }
        var headers = HTTPFields()
        for header in answer.headers {
            if let name = HTTPField.Name(header.name) { headers.append(HTTPField(name: name, value: header.value)) }
        }
        return Response(status: .init(code: answer.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    /// The body up to the limit. A declared length over the limit is refused before reading
    /// anything, a body without one is read no further than the limit, and a body that ends
    /// before its declared length is told apart from one that is too large.
    static func body(of request: Request) async -> Result<[UInt8], DeliveryRejection> {
        let declared = request.headers[.contentLength].flatMap(Int.init)
        if let declared, declared > ListenLimits.maxBodyBytes { return .failure(.tooLarge) }
        var body: [UInt8] = []
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
}
