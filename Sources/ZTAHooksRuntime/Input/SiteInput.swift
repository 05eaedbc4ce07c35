import Foundation
import ZTAHooksCore

/// Site files as a command reads them: loaded once, validated, narrowed by `--site`.
public enum SiteInput {
    /// Loads the paths; prints problems to stderr. Invalid files are named and left out, so the
    /// valid sites can still be planned (the command then exits 1).
    ///
    /// - Parameter changedSince: a git revision: only the site files added, changed or renamed
    ///   since it are read (every one when the project file changed); deleted ones are named.
    public static func load(
        paths: [String], only siteIDs: [String] = [], project: ProjectLoadResult, announce: Bool = true, terminal: Terminal,
        prefetch: LivePrefetch? = nil, changedSince: String? = nil
    ) async throws -> SiteSet {
        var paths = paths
        if let changedSince {
            guard let changed = try changedFiles(since: changedSince, paths: paths, project: project, announce: announce) else {
                return SiteSet(sites: [], diagnostics: [], checksum: LiveFingerprint.ofSources([]))
            }
            paths = changed
        }
        let only = siteIDs.isEmpty ? nil : Set(siteIDs)
        let (result, source) = await read(paths: paths, project: project, announce: announce, prefetch: prefetch, only: only)
        if !siteIDs.isEmpty {
            let declared = Set(result.sites.map(\.site))
            let missing = siteIDs.filter { !declared.contains($0) }
            if !missing.isEmpty {
                throw UsageError("--site \(missing.joined(separator: ", ")): no valid site file declares \(missing.count == 1 ? "it" : "them")")
            }
        }
        let printer = DiagnosticPrinter(color: terminal.colorOnStderr)
        for diagnostic in result.diagnostics.sortedForOutput() {
            StandardError.write(printer.line(for: diagnostic) + "\n")
        }
        var set = result.siteSet(only: only, checksumPath: rootRelative(source.root)) { path in
            readAgainForChecksum(path) { StandardError.write($0 + "\n") }
        }
        set.source = source
        return set
    }

    /// A site file's bytes read a second time, for the saved plan's checksum when the load's own
    /// cannot stand (`SiteLoadResult.siteSet`). It was read once already: when it cannot be read
    /// now, it changed or went in between, and `warn` is told that a plan saved now will not
    /// apply, which beats a bare "stale" at `apply --plan`.
    static func readAgainForChecksum(_ path: String, warn: (String) -> Void) -> Data {
        do {
            return try LocalFileSource().read(path, limit: SiteFormat.maxFileBytes)
        } catch {
            let reason = (error as? SiteFileReadError)?.reason ?? "\(error)"
            warn("warning: \(path.displaySafe) changed while it was read (\(reason.displaySafe)); "
                + "a plan saved by this run will not match the site files, and `apply --plan` will refuse it")
            return Data()
        }
    }

    /// The site files to read for `--changed-since`: `nil` when none changed (nothing to read),
    /// the paths as they are when the project file changed. Says on standard error what it chose
    /// and which site files were deleted: those sites are no longer managed, and nothing is done
    /// to their live webhooks.
    static func changedFiles(since revision: String, paths: [String], project: ProjectLoadResult, announce: Bool) throws -> [String]? {
        let cwd = FileManager.default.currentDirectoryPath
        let chosen = chosenPaths(paths, project: project)
        let physical = { (path: String) in URL(fileURLWithPath: SourceRoot.absolute(path, cwd: cwd)).resolvingSymlinksInPath().path }
        let changes = try GitChanges.since(revision, in: cwd)
        let selection = ChangedSiteFiles.select(changes, under: chosen.map(physical), projectFile: project.project.map { physical($0.path) })
        let since = "since \(revision.displaySafe)"
        for file in selection.deleted {
            let site = GitChanges.contents(of: file, at: revision, in: cwd).flatMap(siteID(in:))
            StandardError.write("note: \(relative(file, to: cwd).displaySafe) was deleted \(since): site \((site ?? "?").displaySafe) is no longer managed; its live webhooks stay\n")
        }
        if selection.everything {
            if announce { StandardError.write("note: \(ProjectFormat.fileName) changed \(since): every site is planned\n") }
            return chosen
        }
        if announce || selection.files.isEmpty {
            StandardError.write("note: \(selection.files.count) site file\(selection.files.count == 1 ? "" : "s") changed \(since)\(selection.files.isEmpty ? ": nothing to plan" : "")\n")
        }
        return selection.files.isEmpty ? nil : selection.files.map { relative($0, to: URL(fileURLWithPath: cwd).resolvingSymlinksInPath().path) }
    }

    /// `site:` of a site file's text, for a note about a deleted one.
    private static func siteID(in bytes: [UInt8]) -> String? {
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where line.hasPrefix("site:") {
            let value = line.dropFirst(5).trimmingCharacters(in: .whitespaces)
            return value.trimmingCharacters(in: CharacterSet(charactersIn: "\"'")).split(separator: " ").first.map(String.init)
        }
        return nil
    }

    private static func relative(_ path: String, to directory: String) -> String {
        path.hasPrefix(directory + "/") ? String(path.dropFirst(directory.count + 1)) : path
    }

    /// The paths given, else the project file's `paths`, else the current directory.
    static func chosenPaths(_ paths: [String], project: ProjectLoadResult) -> [String] {
        let chosen = paths.isEmpty ? project.project?.sitePaths ?? [] : paths
        return chosen.isEmpty ? ["."] : chosen
    }

    /// The source root of a command run here with `project` (`SourceRoot`).
    public static func root(project: ProjectLoadResult) -> String {
        SourceRoot.of(cwd: FileManager.default.currentDirectoryPath, projectPath: project.project?.path, in: LocalFileSource())
    }

    /// A path as the saved plan names it (its source paths, its checksum): relative to the source root.
    private static func rootRelative(_ root: String) -> (String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        return { SourceRoot.relative(SourceRoot.absolute($0, cwd: cwd), to: root) }
    }

    /// Reads the paths given, else the project file's `paths`, else the current directory, and
    /// applies the project's policy. Falling back to the current directory is said on standard
    /// error when `announce` is set (text output), since a repository root holds other YAML files.
    ///
    /// - Parameter only: the sites of a `--site` choice, for the checksum the load computes.
    public static func read(paths: [String], project: ProjectLoadResult, announce: Bool, prefetch: LivePrefetch? = nil,
                            only: Set<String>? = nil) async -> (SiteLoadResult, PlanSource) {
        let chosen = chosenPaths(paths, project: project)
        if paths.isEmpty, project.project?.sitePaths.isEmpty ?? true {
            if announce {
                let why = project.project == nil && project.diagnostics.isEmpty
                    ? "no \(ProjectFormat.fileName) found; pass PATH or add one"
                    : "no PATH given and the project file sets no usable 'paths'"
                StandardError.write("note: reading site files under \(FileManager.default.currentDirectoryPath.displaySafe) (\(why))\n")
            }
        }
        var announce: (@Sendable (String) -> Void)?
        if let prefetch { announce = { prefetch.announce($0) } }
        let root = Self.root(project: project)
        let relative = rootRelative(root)
        let source = PlanSource(paths: chosen.map(relative), root: root)
        let loaded = await SiteLoader.load(paths: chosen, from: LocalFileSource(), found: prefetch.map { prefetch in { prefetch.expect($0) } },
                                           parsed: announce, only: only, checksumPath: relative)
        return (loaded.applying(project), source)
    }
}
