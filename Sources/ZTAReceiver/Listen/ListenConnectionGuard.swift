import Hummingbird
import NIOCore
import NIOHTTPTypes

/// Closes a `listen` connection once a refusal marked `Connection: close` has been written.
///
/// Hummingbird keeps a connection open after any answer and reads on: after a 413 it would wait
/// for the rest of a body it will never use, and a client that reads to the end of the answer
/// would wait with it. A refusal of a malformed or oversized request carries `Connection: close`,
/// and this handler ends the connection as soon as that answer is on the wire.
///
/// It ends it as web servers do (a lingering close): it closes its side, then reads and drops
/// what the client still sends, for at most `linger`, before closing the connection. Closed at
/// once, a connection with unread bytes is reset, and a client still sending the refused body
/// (a 413 answers before reading it) could lose the answer to the reset.
final class ListenConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// How long the rest of a refused request is read and dropped before the connection closes.
    static let linger = TimeAmount.seconds(2)

    // Touched on the channel's event loop only; one handler per connection.
    nonisolated(unsafe) private var closeAfterEnd = false
    /// Set once the answer is written and this side closed: what comes in is dropped.
    nonisolated(unsafe) private var lingering = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !lingering else { return }
        context.fireChannelRead(data)
    }

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
            lingering = true
            written.futureResult.whenComplete { result in
                promise?.completeWith(result)
                let context = bound.value
                // The client sees the end of the answer, and may still be sending.
                context.close(mode: .output, promise: nil)
                let later = NIOLoopBound(context, eventLoop: context.eventLoop)
                context.eventLoop.scheduleTask(in: Self.linger) { later.value.close(promise: nil) }
            }
            context.writeAndFlush(data, promise: written)
        }
    }
}
