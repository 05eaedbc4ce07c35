import ArgumentParser
import Foundation
import ZTAHooksCore

/// Site files as a command reads them: loaded once, validated, narrowed by `--site`.
enum SiteInput {
    /// Loads the paths; prints problems to stderr. Invalid files are named and left out, so the
    /// valid sites can still be planned (the command then exits 1).
    static func load(paths: [String], only siteIDs: [String] = [], terminal: Terminal) async throws -> SiteSet {
        let result = await SiteLoader.load(paths: paths.isEmpty ? ["."] : paths, from: LocalFileSource())
        if !siteIDs.isEmpty {
            let declared = Set(result.sites.map(\.site))
            let missing = siteIDs.filter { !declared.contains($0) }
            if !missing.isEmpty {
                throw ValidationError("--site \(missing.joined(separator: ", ")): no valid site file declares \(missing.count == 1 ? "it" : "them")")
            }
        }
        let printer = DiagnosticPrinter(color: terminal.colorOnStderr)
        for diagnostic in result.diagnostics.sortedForOutput() {
            StandardError.write(printer.line(for: diagnostic) + "\n")
        }
        return result.siteSet(only: siteIDs.isEmpty ? nil : Set(siteIDs))
    }
}
