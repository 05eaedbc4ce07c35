/// One site's desired webhooks, as declared in one YAML file.
public struct SiteFile: Hashable, Sendable {
    /// The file's path as the user gave it (relative paths stay relative in messages).
    public var path: String
    /// The ZTA site ID (`site:`).
    public var site: String
    /// Whether live webhooks that the file does not declare are deleted (`prune:`, default true).
    public var prune: Bool
    public var webhooks: [DeclaredWebhook]
    /// Where `site:` is written; used to point at the file in site-level messages.
    public var siteLocation: SourceLocation
    /// Where `webhooks:` is written (the key), for messages about the list as a whole.
    public var webhooksLocation: SourceLocation

    public init(
        path: String,
        site: String,
        prune: Bool = true,
        webhooks: [DeclaredWebhook],
        siteLocation: SourceLocation? = nil,
        webhooksLocation: SourceLocation? = nil
    ) {
        self.path = path
        self.site = site
        self.prune = prune
        self.webhooks = webhooks
        self.siteLocation = siteLocation ?? SourceLocation(file: path, line: 1, column: 1)
        self.webhooksLocation = webhooksLocation ?? self.siteLocation
    }
}

/// One webhook as the user declared it.
public struct DeclaredWebhook: Hashable, Sendable {
    /// The local handle: keys the secrets file and the output.
    public var name: String
    public var url: String
    /// Distinct, in the order written.
    public var events: [EventType]
    public var description: String?
    /// Where the list item starts.
    public var location: SourceLocation
    /// Where the `url:` value is written, for messages about the URL; the item's start when unknown.
    public var urlLocation: SourceLocation

    public init(
        name: String, url: String, events: [EventType], description: String? = nil, location: SourceLocation,
        urlLocation: SourceLocation? = nil
    ) {
        self.name = name
        self.url = url
        self.events = events
        self.description = description
        self.location = location
        self.urlLocation = urlLocation ?? location
    }

    /// The identity used to match this webhook with a live one.
    public var identity: String { WebhookURL.normalized(url) }
}
