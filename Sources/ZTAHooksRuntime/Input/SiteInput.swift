import Foundation
import ZTAHooksCore

/// Site files as a command reads them: loaded once, validated, narrowed by `--site`.
public enum SiteInput {
    /// Loads the paths; prints problems to stderr. Invalid files are named and left out, so the
    /// valid sites can still be planned (the command then exits 1).
    public static func load(
        paths: [String], only siteIDs: [String] = [], project: ProjectLoadResult, announce: Bool = true, terminal: Terminal,
        prefetch: LivePrefetch? = nil
    ) async throws -> SiteSet {
        let (result, source) = await read(paths: paths, project: project, announce: announce, prefetch: prefetch)
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
        let cwd = FileManager.default.currentDirectoryPath
        var set = result.siteSet(only: siteIDs.isEmpty ? nil : Set(siteIDs)) { path in
            SourceRoot.relative(SourceRoot.absolute(path, cwd: cwd), to: source.root)
        }
        set.source = source
        return set
    }

    /// The source root of a command run here with `project` (`SourceRoot`).
    public static func root(project: ProjectLoadResult) -> String {
        SourceRoot.of(cwd: FileManager.default.currentDirectoryPath, projectPath: project.project?.path, in: LocalFileSource())
    }

    /// Reads the paths given, else the project file's `paths`, else the current directory, and
    /// applies the project's policy. Falling back to the current directory is said on standard
    /// error when `announce` is set (text output), since a repository root holds other YAML files.
    public static func read(paths: [String], project: ProjectLoadResult, announce: Bool, prefetch: LivePrefetch? = nil) async -> (SiteLoadResult, PlanSource) {
        var chosen = paths.isEmpty ? project.project?.sitePaths ?? [] : paths
        if chosen.isEmpty {
            chosen = ["."]
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
        let cwd = FileManager.default.currentDirectoryPath
        let source = PlanSource(paths: chosen.map { SourceRoot.relative(SourceRoot.absolute($0, cwd: cwd), to: root) }, root: root)
        return (await SiteLoader.load(paths: chosen, from: LocalFileSource(), parsed: announce).applying(project), source)
    }
}
