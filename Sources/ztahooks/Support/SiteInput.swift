import ArgumentParser
import Foundation
import ZTAHooksCore

/// Site files as a command reads them: loaded, validated, narrowed by `--site`.
struct SiteInput {
    var sites: [SiteFile]
    var diagnostics: [Diagnostic]
    var checksum: String

    /// Loads the paths; prints problems to stderr. Invalid files are named and left out,
    /// so the valid sites can still be planned (the command then exits 1).
    static func load(paths: [String], only siteIDs: [String] = [], terminal: Terminal) throws -> SiteInput {
        let result = SiteLoader.load(paths: paths.isEmpty ? ["."] : paths, from: LocalFileSource())
        var sites = result.sites
        if !siteIDs.isEmpty {
            let declared = Set(sites.map(\.site))
            let missing = siteIDs.filter { !declared.contains($0) }
            if !missing.isEmpty {
                throw ValidationError("--site \(missing.joined(separator: ", ")): no valid site file declares \(missing.count == 1 ? "it" : "them")")
            }
            sites = sites.filter { siteIDs.contains($0.site) }
        }
        for diagnostic in result.diagnostics.sortedForOutput() {
            StandardError.write(ValidationReport.line(for: diagnostic, color: terminal.colorOnStderr) + "\n")
        }
        let files = sites.map { site in
            (path: site.path, contents: (try? Data(contentsOf: URL(fileURLWithPath: site.path))) ?? Data())
        }
        return SiteInput(sites: sites, diagnostics: result.diagnostics, checksum: LiveFingerprint.ofSources(files))
    }

    var hasErrors: Bool { diagnostics.hasErrors }
}
