import Foundation

/// Everything the loader found: the valid sites and every problem, sorted for output.
public struct SiteLoadResult: Sendable {
    /// Sites whose files had no errors (warnings allowed), in path order.
    public var sites: [SiteFile]
    /// Every problem in every file, sorted by file, line and column.
    public var diagnostics: [Diagnostic]
    /// Site files found and read (or attempted).
    public var fileCount: Int
    /// Webhooks declared across all files, valid or not: the size of what was checked.
    public var webhookCount: Int
    /// The checksum of the valid files' bytes as the load read them, when it can stand for
    /// the saved plan's checksum (`siteSet`): nil when the files were not read in path order.
    public var sourceDigest: SourceDigest?
    /// Of each file with errors, the webhooks whose URL is valid: the project's policy is checked
    /// on them too, so that a run reports every finding at once.
    public var invalidFileWebhooks: [[DeclaredWebhook]] = []
    /// The `site:` of each file left out (errors, a site declared twice) and where it is
    /// written; the valid files' are their sites' `siteLocation`.
    var declared: [Declaration] = []

    /// A file's `site:` value and its place.
    struct Declaration: Sendable {
        var site: String
        var location: SourceLocation
    }

    /// Site ID → the files whose `site:` names it, sorted, including files with errors: what
    /// `import` must not declare a second time.
    public var declarations: [String: [String]] {
        var table: [String: [String]] = [:]
        for site in sites { table[site.site, default: []].append(site.path) }
        for declaration in declared { table[declaration.site, default: []].append(declaration.location.file) }
        return table.mapValues { $0.sorted() }
    }

    public init(sites: [SiteFile], diagnostics: [Diagnostic], fileCount: Int, webhookCount: Int = 0) {
        self.sites = sites
        self.diagnostics = diagnostics
        self.fileCount = fileCount
        self.webhookCount = webhookCount
    }

    /// The saved plan's checksum as the load computed it, file by file, and what it covers.
    public struct SourceDigest: Sendable {
        /// `LiveFingerprint.ofSources` of the files hashed.
        public var checksum: String
        /// How many files were hashed: every valid one, of the sites of `only` when given.
        public var files: Int
        public var only: Set<String>?
    }

    /// The valid sites (those of `only`, when given) with the checksum a saved plan is checked
    /// against.
    ///
    /// The load's checksum stands when it covers exactly the chosen sites, which it does unless
    /// a site was left out after its file was hashed (a duplicate, a policy error) or `only`
    /// differs from the load's: then the chosen files are read again and hashed.
    ///
    /// - Parameters:
    ///   - checksumPath: the name each file has in the checksum: its path relative to the
    ///     source root, so that the same files give the same checksum from any directory; the
    ///     one given to `SiteLoader.load`.
    ///   - read: a file's bytes, for the checksum when the load's does not stand.
    public func siteSet(only siteIDs: Set<String>? = nil, checksumPath: (String) -> String = { $0 },
                        read: (String) -> Data) -> SiteSet {
        let chosen = siteIDs.map { ids in sites.filter { ids.contains($0.site) } } ?? sites
        if let sourceDigest, sourceDigest.only == siteIDs, sourceDigest.files == chosen.count {
            return SiteSet(sites: chosen, diagnostics: diagnostics, checksum: sourceDigest.checksum)
        }
        let files = chosen.map { (path: checksumPath($0.path), contents: read($0.path)) }
        return SiteSet(sites: chosen, diagnostics: diagnostics, checksum: LiveFingerprint.ofSources(files))
    }

    /// True when no diagnostic is an error.
    public var isValid: Bool { !diagnostics.hasErrors }

    /// Files and webhooks checked, errors and warnings found: the last line of a report.
    public var summary: DiagnosticSummary { DiagnosticSummary(diagnostics, files: fileCount, webhooks: webhookCount) }
}
