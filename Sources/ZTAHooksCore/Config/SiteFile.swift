/// One site's desired webhooks, as declared in one YAML file.
public struct SiteFile: Hashable, Sendable {
    /// The file's path as the user gave it (relative paths stay relative in messages).
    public var path: String
    /// The ZTA site ID (`site:`).
    public var site: String
    /// Whether live webhooks that the file does not declare are deleted (`prune:`, default true).
    public var prune: Bool
    public var webhooks: [DeclaredWebhook]
    /// Where `site:` and `webhooks:` are written, in this file: the file name is `path`, kept once.
    private var sitePlace: SourcePlace
    private var webhooksPlace: SourcePlace

    /// Where `site:` is written; used to point at the file in site-level messages.
    public var siteLocation: SourceLocation { SourceLocation(file: path, place: sitePlace) }
    /// Where `webhooks:` is written (the key), for messages about the list as a whole.
    public var webhooksLocation: SourceLocation { SourceLocation(file: path, place: webhooksPlace) }

    /// The locations are places in the file at `path`: only their lines and columns are kept.
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
        self.sitePlace = siteLocation?.place ?? SourcePlace(line: 1, column: 1)
        self.webhooksPlace = webhooksLocation?.place ?? sitePlace
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
    /// The file it is declared in, kept once for both places.
    private var file: String
    private var place: SourcePlace
    private var urlPlace: SourcePlace

    /// Where the list item starts.
    public var location: SourceLocation { SourceLocation(file: file, place: place) }
    /// Where the `url:` value is written, for messages about the URL; the item's start when unknown.
    public var urlLocation: SourceLocation { SourceLocation(file: file, place: urlPlace) }

    /// `urlLocation` is a place in the same file as `location`: only its line and column are kept.
    public init(
        name: String, url: String, events: [EventType], description: String? = nil, location: SourceLocation,
        urlLocation: SourceLocation? = nil
    ) {
        self.name = name
        self.url = url
        self.events = events
        self.description = description
        self.file = location.file
        self.place = location.place
        self.urlPlace = urlLocation?.place ?? location.place
    }

    /// The identity used to match this webhook with a live one.
    public var identity: String { WebhookURL.normalized(url) }
}
