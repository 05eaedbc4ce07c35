import Hummingbird
import NIOCore
import NIOHTTPTypes

/// Closes a `listen` connection once a refusal marked `Connection: close` has been written.
///
/// Hummingbird keeps a connection open after any answer and reads on: after a 413 it would wait
/// for the rest of a body it will never use, and a client that reads to the end of the answer
/// would wait with it. A refusal of a malformed or oversized request carries `Connection: close`,
/// and this handler closes the connection as soon as that answer is on the wire.
final class ListenConnectionGuard: ChannelOutboundHandler, RemovableChannelHandler, Sendable {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    // Touched on the channel's event loop only; one handler per connection.
    nonisolated(unsafe) private var closeAfterEnd = false

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head):
            if head.headerFields[.connection]?.lowercased() == "close" { closeAfterEnd = true }
            context.write(data, promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            guard closeAfterEnd else {
                context.write(data, promise: promise)
                return
            }
            closeAfterEnd = false
            let written = context.eventLoop.makePromise(of: Void.self)
            // The completion runs on the channel's event loop, where the context may be used.
            let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
            written.futureResult.whenComplete { result in
                promise?.completeWith(result)
                bound.value.close(promise: nil)
            }
            context.writeAndFlush(data, promise: written)
        }
    }
}
