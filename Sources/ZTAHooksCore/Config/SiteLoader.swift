import Foundation

/// Reads site files into typed sites and diagnostics: the first stage of every command.
public enum SiteLoader {
    /// Pure: one file's bytes → the typed model (nil when it has errors) and its diagnostics.
    public static func parse(path: String, contents: Data) -> (site: SiteFile?, diagnostics: [Diagnostic]) {
        let parsed = parseFile(path: path, contents: contents)
        return (parsed.site, parsed.diagnostics.sortedForOutput())
    }

    /// Finds `*.yaml`/`*.yml` under the paths (files or directories, recursive, sorted), parses
    /// each, runs the cross-file checks, and returns everything sorted.
    ///
    /// - Parameter parsed: called with each valid file's site ID as soon as that file is parsed,
    ///   before the others are (a `LivePrefetch` starts listing it); a file that the cross-file
    ///   checks then reject may have been announced.
    public static func load(paths: [String], from source: some SiteFileSource,
                            parsed announce: (@Sendable (String) -> Void)? = nil) async -> SiteLoadResult {
        let discovery = discoverFiles(paths: paths, in: source)
        var diagnostics = discovery.diagnostics
        let parsedFiles = await parseInParallel(discovery.files) { path in
            let parsed = readAndParse(path, from: source)
            if let announce, let site = parsed.site { announce(site.site) }
            return parsed
        }
        let duplicates = duplicateSiteDiagnostics(parsedFiles)
        diagnostics += duplicates.diagnostics
        diagnostics += parsedFiles.flatMap(\.diagnostics)
        // One pass into an array of the right size: compactMap then filter grew one array by
        // doubling and copied it into a second, three arrays of every site at the moment of the
        // load's peak.
        var sites: [SiteFile] = []
        sites.reserveCapacity(parsedFiles.count)
        for file in parsedFiles {
            if let site = file.site, !duplicates.sites.contains(site.site) { sites.append(site) }
        }
        var result = SiteLoadResult(
            sites: sites,
            diagnostics: diagnostics.sortedForOutput(),
            fileCount: discovery.files.count,
            webhookCount: parsedFiles.reduce(0) { $0 + $1.webhookCount },
            declarations: declarations(parsedFiles)
        )
        result.contents.reserveCapacity(sites.count)
        for file in parsedFiles {
            if let site = file.site, let contents = file.contents { result.contents[site.path] = contents }
            if file.site == nil, !file.policyCandidates.isEmpty { result.invalidFileWebhooks.append(file.policyCandidates) }
        }
        return result
    }

    /// Site ID → its files, built in one dictionary (grouping then mapping built two, with an
    /// array per site in each).
    private static func declarations(_ parsedFiles: [ParsedFile]) -> [String: [String]] {
        var declarations: [String: [String]] = [:]
        declarations.reserveCapacity(parsedFiles.count)
        for file in parsedFiles {
            if let id = file.siteID { declarations[id.value, default: []].append(id.location.file) }
        }
        return declarations
    }

    private static func readAndParse(_ path: String, from source: some SiteFileSource) -> ParsedFile {
        let contents: Data
        do {
            contents = try source.read(path, limit: SiteFormat.maxFileBytes)
        } catch SiteFileReadError.tooLarge(let bytes) {
            return ParsedFile(path: path, problem: YAMLSafety.tooLarge(bytes: bytes))
        } catch {
            let reason = (error as? SiteFileReadError).map(describe) ?? "\(error)"
            return ParsedFile(path: path, problem: .init(line: 1, column: 1, message: "cannot read file: \(reason)"))
        }
        var parsed = parseFile(path: path, contents: contents)
        parsed.contents = contents
        return parsed
    }

    /// Files are independent until the cross-file checks, so they are read and parsed in a task
    /// group, at most one per core at a time (parsing is CPU work: more would only queue); the
    /// result keeps the input order.
    private static func parseInParallel(_ files: [String], _ parse: @escaping @Sendable (String) -> ParsedFile) async -> [ParsedFile] {
        guard files.count > 1 else { return files.map(parse) }
        let width = min(files.count, ProcessInfo.processInfo.activeProcessorCount)
        return await withTaskGroup(of: (index: Int, parsed: ParsedFile).self) { group in
            var results = [ParsedFile?](repeating: nil, count: files.count)
            var next = 0
            func startNext() {
                guard next < files.count else { return }
                let index = next
                group.addTask { (index, parse(files[index])) }
                next += 1
            }
            for _ in 0..<width { startNext() }
            while let (index, parsed) = await group.next() {
                results[index] = parsed
                startNext()
            }
            // Every index was started exactly once and the group ran to completion.
            return results.map { $0! }
        }
    }

    /// One file's outcome, with what the cross-file checks need even when it has errors.
    struct ParsedFile: Sendable {
        var site: SiteFile?
        var siteID: (value: String, location: SourceLocation)?
        var webhookCount = 0
        var diagnostics: [Diagnostic]
        /// The bytes read, kept for the checksum of a saved plan: a file is read once.
        var contents: Data?
        /// The webhooks with a valid URL of a file with errors, for the project's policy.
        var policyCandidates: [DeclaredWebhook] = []

        init(site: SiteFile?, siteID: (value: String, location: SourceLocation)?, webhookCount: Int, diagnostics: [Diagnostic]) {
            self.site = site
            self.siteID = siteID
            self.webhookCount = webhookCount
            self.diagnostics = diagnostics
        }

        init(path: String, problem: YAMLSafety.Problem) {
            let location = SourceLocation(file: path, line: problem.line, column: problem.column)
            self.init(site: nil, siteID: nil, webhookCount: 0, diagnostics: [.error(problem.message, at: location, hint: problem.hint)])
        }
    }

    static func parseFile(path: String, contents: Data) -> ParsedFile {
        guard contents.count <= SiteFormat.maxFileBytes else {
            return ParsedFile(path: path, problem: YAMLSafety.tooLarge(bytes: contents.count))
        }
        let document: YAMLDocument
        do throws(YAMLSafety.ProblemError) {
            document = try YAMLDocument.composeChecked(contents)
        } catch {
            return ParsedFile(path: path, problem: error.problem)
        }
        guard let root = document.root else {
            return ParsedFile(path: path, problem: .init(
                line: 1, column: 1, message: "file is empty; a site file needs 'site:' and 'webhooks:'",
                hint: "see examples/sites for a start"
            ))
        }
        var parser = SiteFileParser(path: path, document: document)
        var site = parser.parse(root)
        var diagnostics = YAMLDocument.clamped(parser.diagnostics, toEndOf: contents)
        if let extra = document.extraDocument {
            diagnostics.append(.error(
                "more than one YAML document in this file; a site file holds exactly one site",
                at: SourceLocation(file: path, line: extra.line, column: extra.column),
                hint: "remove this '---' and what follows, or move it to a file of its own"
            ))
            site = nil
        }
        var parsed = ParsedFile(site: site, siteID: parser.siteID, webhookCount: parser.webhookCount, diagnostics: diagnostics)
        if site == nil { parsed.policyCandidates = parser.policyCandidates }
        return parsed
    }

    private static func describe(_ error: SiteFileReadError) -> String {
        switch error {
        case .tooLarge(let bytes): "\(bytes) bytes is too large"
        case .unreadable(let reason): reason
        }
    }
}
