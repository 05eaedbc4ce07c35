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
    /// Each file is folded into the result as soon as it and every file before it are parsed:
    /// its bytes go into the saved plan's checksum there and then, and only its site is kept.
    ///
    /// - Parameters:
    ///   - found: called once with the number of files found, before any is parsed (a
    ///     `LivePrefetch` makes room for that many sites at once rather than growing to it).
    ///   - parsed: called with each valid file's site ID as soon as that file is parsed,
    ///     before the others are (a `LivePrefetch` starts listing it); a file that the cross-file
    ///     checks then reject may have been announced.
    ///   - siteIDs: the sites a `--site` choice keeps, for the checksum (every site when nil).
    ///   - checksumPath: the name each file has in the checksum (`SiteLoadResult.siteSet`).
    public static func load(paths: [String], from source: some SiteFileSource,
                            found: ((Int) -> Void)? = nil,
                            parsed announce: (@Sendable (String) -> Void)? = nil,
                            only siteIDs: Set<String>? = nil,
                            checksumPath: @escaping (String) -> String = { $0 }) async -> SiteLoadResult {
        let discovery = discoverFiles(paths: paths, in: source)
        found?(discovery.files.count)
        var fold = LoadFold(only: siteIDs, checksumPath: checksumPath)
        fold.sites.reserveCapacity(discovery.files.count)
        fold.sitePlaces.reserveCapacity(discovery.files.count)
        await parseInParallel(discovery.files, { path in
            let parsed = readAndParse(path, from: source)
            if let announce, let site = parsed.site { announce(site.site) }
            return parsed
        }, consume: { fold.add($0) })
        let duplicates = duplicateSiteDiagnostics(fold.sites, at: fold.sitePlaces, fold.declared)
        if !duplicates.sites.isEmpty {
            // Their files still declare them (`declarations`). Removed in place: a filtered copy
            // would hold every site twice at the load's peak.
            for (site, place) in zip(fold.sites, fold.sitePlaces) where duplicates.sites.contains(site.site) {
                fold.declared.append(.init(site: site.site, location: SourceLocation(file: site.path, place: place)))
            }
            fold.sites.removeAll { duplicates.sites.contains($0.site) }
        }
        fold.sitePlaces = []
        var result = SiteLoadResult(
            sites: fold.sites,
            diagnostics: (discovery.diagnostics + duplicates.diagnostics + fold.diagnostics).sortedForOutput(),
            fileCount: discovery.files.count,
            webhookCount: fold.webhookCount
        )
        result.declared = fold.declared
        result.invalidFileWebhooks = fold.invalidFileWebhooks
        result.sourceDigest = fold.digest()
        return result
    }

    /// What the load keeps of each parsed file, in path order: its site, its diagnostics, its
    /// declaration, and its bytes folded into the checksum (`LiveFingerprint.ofSources`, the same
    /// value over the same bytes in the same order), so that no file's bytes outlive its parse.
    struct LoadFold {
        let only: Set<String>?
        let checksumPath: (String) -> String
        var sites: [SiteFile] = []
        var diagnostics: [Diagnostic] = []
        var webhookCount = 0
        /// Where each of `sites` writes its site ID (the value of `site:`), for the duplicate check.
        var sitePlaces: [SourcePlace] = []
        /// The `site:` of each file with errors.
        var declared: [SiteLoadResult.Declaration] = []
        var invalidFileWebhooks: [[DeclaredWebhook]] = []
        var hasher = LiveFingerprint.SourceHasher()
        var hashed = 0
        var lastName: String?
        /// False once a file's checksum name does not sort after the one before it: the checksum
        /// hashes in name order, so the streamed value no longer holds (`siteSet` reads again).
        var inOrder = true

        init(only: Set<String>?, checksumPath: @escaping (String) -> String) {
            self.only = only
            self.checksumPath = checksumPath
        }

        mutating func add(_ file: ParsedFile) {
            webhookCount += file.webhookCount
            diagnostics += file.diagnostics
            guard let site = file.site else {
                if let id = file.siteID { declared.append(.init(site: id.value, location: id.location)) }
                if !file.policyCandidates.isEmpty { invalidFileWebhooks.append(file.policyCandidates) }
                return
            }
            if let contents = file.contents, only?.contains(site.site) ?? true {
                let name = checksumPath(site.path)
                if let lastName, !(lastName < name) { inOrder = false }
                lastName = name
                hasher.add(path: name, contents: contents)
                hashed += 1
            }
            sites.append(site)
            sitePlaces.append(file.siteID?.location.place ?? site.siteLocation.place)
        }

        func digest() -> SiteLoadResult.SourceDigest? {
            inOrder ? .init(checksum: hasher.value(), files: hashed, only: only) : nil
        }
    }

    private static func readAndParse(_ path: String, from source: some SiteFileSource) -> ParsedFile {
        let contents: Data
        do {
            contents = try source.read(path, limit: SiteFormat.maxFileBytes)
        } catch SiteFileReadError.tooLarge(let bytes) {
            return ParsedFile(path: path, problem: YAMLSafety.tooLarge(bytes: bytes))
        } catch {
            let reason = (error as? SiteFileReadError)?.reason ?? "\(error)"
            return ParsedFile(path: path, problem: .init(line: 1, column: 1, message: "cannot read file: \(reason)"))
        }
        var parsed = parseFile(path: path, contents: contents)
        parsed.contents = contents
        return parsed
    }

    /// Files are independent until the cross-file checks, so they are read and parsed in a task
    /// group, at most one per core at a time (parsing is CPU work: more would only queue); each
    /// result is consumed in input order as soon as those before it are, so that only the few
    /// that finished early wait.
    private static func parseInParallel(_ files: [String], _ parse: @escaping @Sendable (String) -> ParsedFile,
                                        consume: (ParsedFile) -> Void) async {
        guard files.count > 1 else { return files.forEach { consume(parse($0)) } }
        let width = min(files.count, ProcessInfo.processInfo.activeProcessorCount)
        await withTaskGroup(of: (index: Int, parsed: ParsedFile).self) { group in
            var waiting: [Int: ParsedFile] = [:]
            var next = 0
            var consumed = 0
            func startNext() {
                guard next < files.count else { return }
                let index = next
                group.addTask { (index, parse(files[index])) }
                next += 1
            }
            for _ in 0..<width { startNext() }
            while let (index, parsed) = await group.next() {
                waiting[index] = parsed
                while let ready = waiting.removeValue(forKey: consumed) {
                    consume(ready)
                    consumed += 1
                }
                startNext()
            }
        }
    }

    /// One file's outcome, with what the cross-file checks need even when it has errors.
    struct ParsedFile: Sendable {
        var site: SiteFile?
        var siteID: (value: String, location: SourceLocation)?
        var webhookCount = 0
        var diagnostics: [Diagnostic]
        /// The bytes read, for the checksum of a saved plan (a file is read once); dropped once
        /// the load has folded them in.
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
}
