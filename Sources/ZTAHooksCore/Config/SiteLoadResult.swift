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
    /// The bytes of each valid site's file, by path, as they were parsed.
    public var contents: [String: Data] = [:]
    /// Of each file with errors, the webhooks whose URL is valid: the project's policy is checked
    /// on them too, so that a run reports every finding at once.
    public var invalidFileWebhooks: [[DeclaredWebhook]] = []
    /// Site ID → the files whose `site:` names it, in path order, including files with errors:
    /// what `import` must not declare a second time.
    public var declarations: [String: [String]]

    public init(sites: [SiteFile], diagnostics: [Diagnostic], fileCount: Int, webhookCount: Int = 0,
                declarations: [String: [String]] = [:]) {
        self.sites = sites
        self.diagnostics = diagnostics
        self.fileCount = fileCount
        self.webhookCount = webhookCount
        self.declarations = declarations
    }

    /// The valid sites (those of `only`, when given) with the checksum a saved plan is checked
    /// against, over the same bytes that were parsed.
    ///
    /// - Parameter checksumPath: the name each file has in the checksum: its path relative to the
    ///   source root, so that the same files give the same checksum from any directory.
    public func siteSet(only siteIDs: Set<String>? = nil, checksumPath: (String) -> String = { $0 }) -> SiteSet {
        let chosen = siteIDs.map { ids in sites.filter { ids.contains($0.site) } } ?? sites
        let files = chosen.map { (path: checksumPath($0.path), contents: contents[$0.path] ?? Data()) }
        return SiteSet(sites: chosen, diagnostics: diagnostics, checksum: LiveFingerprint.ofSources(files))
    }

    /// True when no diagnostic is an error.
    public var isValid: Bool { !diagnostics.hasErrors }

    /// Files and webhooks checked, errors and warnings found: the last line of a report.
    public var summary: DiagnosticSummary { DiagnosticSummary(diagnostics, files: fileCount, webhooks: webhookCount) }
}
