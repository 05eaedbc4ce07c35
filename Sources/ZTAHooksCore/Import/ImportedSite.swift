/// What `import` makes of one site's live webhooks: the site file's entries, the webhooks it
/// cannot declare, and the secrets-file adoptions. Never carries a secret.
public struct ImportedSite: Hashable, Sendable {
    public var siteId: String
    /// Oldest first: the order of the site file.
    public var webhooks: [ImportedWebhook]
    /// Live webhooks a site file cannot declare; with `prune: true` the next apply deletes them.
    public var excluded: [ExcludedWebhook]
    /// One entry per imported webhook whose secret ztahooks does not know.
    public var adoptions: [SecretEntry]

    public init(siteId: String, webhooks: [ImportedWebhook], excluded: [ExcludedWebhook], adoptions: [SecretEntry]) {
        self.siteId = siteId
        self.webhooks = webhooks
        self.excluded = excluded
        self.adoptions = adoptions
    }
}

/// One live webhook as the site file declares it.
public struct ImportedWebhook: Hashable, Sendable {
    public var name: String
    public var id: String
    public var url: String
    /// In the document's order.
    public var events: [EventType]
    /// Only when the secrets file recorded the one sent at creation: the API never returns it.
    public var description: String?
    /// ZTA disabled it: the next apply replaces it, which is the only way to re-enable it.
    public var disabled: Bool
    /// Other live webhooks at the same URL, which the next apply deletes.
    public var duplicateIds: [String]

    public init(name: String, id: String, url: String, events: [EventType], description: String? = nil,
                disabled: Bool = false, duplicateIds: [String] = []) {
        self.name = name
        self.id = id
        self.url = url
        self.events = events
        self.description = description
        self.disabled = disabled
        self.duplicateIds = duplicateIds
    }
}

/// A live webhook left out of the site file, and why (the validator's words).
public struct ExcludedWebhook: Hashable, Sendable {
    public var id: String
    public var url: String
    public var events: [String]
    public var reason: String

    public init(id: String, url: String, events: [String], reason: String) {
        self.id = id
        self.url = url
        self.events = events
        self.reason = reason
    }
}
