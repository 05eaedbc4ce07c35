/// Where a new secret goes once it is durable in the secrets file (`--on-secret`), and what is
/// told when a webhook is deleted (`--on-delete`): a receiver's secret store, through a command.
///
/// The core only decides when a sink runs and what follows from its answer; running a process
/// is the executable's job. Tests hand-write one.
public protocol SecretSink: Sendable {
    /// Hands `secret` over for `webhook` (`--on-secret`), or, with `nil`, says the webhook is
    /// gone (`--on-delete`). Returns only once the sink succeeded.
    func run(for webhook: SinkWebhook, secret: String?) async throws(SinkFailure)
}

/// What a sink is told about a webhook: never its secret, which is passed apart.
public struct SinkWebhook: Hashable, Sendable {
    public var siteId: String
    /// The local name; empty for a webhook ztahooks deletes without knowing its name.
    public var name: String
    public var id: String
    public var url: String
    public var events: [String]
    /// The webhook this one replaced (a replace or rotate): `ZTA_REPLACES`.
    public var replaces: String?

    public init(siteId: String, name: String, id: String, url: String, events: [String], replaces: String? = nil) {
        self.siteId = siteId
        self.name = name
        self.id = id
        self.url = url
        self.events = events
        self.replaces = replaces
    }

    init(_ entry: SecretEntry) {
        self.init(siteId: entry.siteId, name: entry.name, id: entry.id, url: entry.url, events: entry.events, replaces: entry.replaces)
    }
}

/// Why a sink did not succeed, in words that never hold the secret (e.g. "exited with status 2").
public struct SinkFailure: Error, Hashable, Sendable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }
}

/// The commands an apply hands secrets to; either may be absent.
public struct SecretSinks: Sendable {
    /// Runs after each create, once the secret is durable, with the secret.
    public var onSecret: (any SecretSink)?
    /// Runs after each delete, without a secret.
    public var onDelete: (any SecretSink)?

    public init(onSecret: (any SecretSink)? = nil, onDelete: (any SecretSink)? = nil) {
        self.onSecret = onSecret
        self.onDelete = onDelete
    }

    public static let none = SecretSinks()
}
