/// A project's policy and defaults, as declared in its `ztahooks.yaml`.
///
/// Every key is optional: a missing one leaves the policy open and the defaults as they are.
public struct ProjectFile: Hashable, Sendable {
    /// One setting with the place it is declared, so that a policy message can point at it.
    public struct Setting<Value: Hashable & Sendable>: Hashable, Sendable {
        public var value: Value
        /// Where the key is written.
        public var location: SourceLocation

        public init(_ value: Value, at location: SourceLocation) {
            self.value = value
            self.location = location
        }
    }

    /// The file's path as it was found or given; messages show it.
    public var path: String
    /// Webhook URLs must have one of these hosts; nil allows any host.
    public var allowedHosts: Setting<[HostPattern]>?
    /// A tighter cap than the API's 10 webhooks per site.
    public var maxWebhooksPerSite: Setting<Int>?
    /// When true, every webhook must have a `description`.
    public var requireDescription: Setting<Bool>?
    /// Where site files live, as written: the default when a command gets no PATH.
    public var paths: [String] = []
    /// The default of `apply --max-deletes`.
    public var maxDeletes: Int?
    /// The default of `--concurrency`: a number, or `auto`.
    public var concurrency: ConcurrencySetting?
    /// The default secrets file, as written.
    public var secretsFile: String?
    /// The default of `--on-secret`.
    public var onSecret: SinkCommand?
    /// The default of `--on-delete`.
    public var onDelete: SinkCommand?
    /// Seconds a retired entry stays in the secrets file; `nil` for the default (30 days).
    public var retiredKeep: Int?

    /// How long retired entries are kept when the project file does not say: 30 days.
    public static let defaultRetiredKeep = 30 * 86_400

    public init(path: String) {
        self.path = path
    }

    /// The directory the file is in: relative `paths` and `secretsFile` resolve against it.
    public var directory: String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// `paths`, resolved against the file's directory.
    public var sitePaths: [String] { paths.map(resolve) }

    /// `secretsFile`, resolved against the file's directory.
    public var secretsFilePath: String? { secretsFile.map(resolve) }

    /// An absolute path as it is; a relative one under the file's directory, kept relative when
    /// that directory is, so that messages show paths the way the user would type them.
    public func resolve(_ relative: String) -> String {
        if relative.hasPrefix("/") { return relative }
        switch directory {
        case ".": return relative
        case "/": return "/" + relative
        case let directory: return directory + "/" + relative
        }
    }
}
