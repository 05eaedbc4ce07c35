import Hummingbird

/// The per-request context; it can close the connection, which is how a create "loses" its answer.
struct SimRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// Closes the underlying TCP connection without writing anything.
    let closeConnection: @Sendable () async -> Void

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        let channel = source.channel
        self.closeConnection = { try? await channel.close() }
    }
}
