import ArgumentParser
import Foundation
import ZTAHooksCore

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Write site files for a site's live webhooks and adopt them into the secrets file.",
        discussion: """
            One file per site (DIR/SITE.yaml) with prune: true and every live webhook, so that a plan \
            right after shows no change. Adopted webhooks keep their secrets with their receivers; \
            `ztahooks rotate SITE/NAME` brings one under ztahooks. Never overwrites a file, nor a site \
            declared in the PATHs given (or in DIR), without --force. Exit codes: 0 success; 1 when a \
            site could not be listed or written; 3 refused, nothing changed; 64 bad usage.

            Examples:
              ztahooks import --site site_abc123 --out sites/
              ztahooks import --site site_abc123 --dry-run
            """
    )

    @Argument(help: ArgumentHelp("Site files or directories that may already declare the sites. DIR is always checked.", valueName: "path"))
    var paths: [String] = []

    @Option(name: .customLong("site"), help: ArgumentHelp("A site to import (repeatable, at least one).", valueName: "site-id"))
    var siteIDs: [String] = []

    @Option(name: .customLong("out"), help: ArgumentHelp("The directory for the new site files.", valueName: "directory"))
    var outDirectory: String = "."

    @Flag(help: "Overwrite existing files and replace existing declarations of the sites.")
    var force = false

    @Flag(name: .customLong("dry-run"), help: "Print the files instead of writing them; adopt nothing.")
    var dryRun = false

    @Option(name: .customLong("schema"), help: ArgumentHelp("The schema reference on each file's first line.", valueName: "url-or-path"))
    var schemaReference: String = SiteFileWriter.defaultSchemaReference

    @OptionGroup var config: ProjectOptions
    @OptionGroup var api: APIOptions
    @OptionGroup var secrets: SecretsOptions

    func validate() throws {
        guard !siteIDs.isEmpty else { throw ValidationError("name at least one site to import with --site ID") }
        for site in siteIDs where !SiteFormat.isValidSiteID(site) {
            throw ValidationError("--site '\(site.displaySafe)' is not a site ID (letters, digits, '_' and '-', at most \(SiteFormat.siteMaxLength))")
        }
        for path in paths where !ImportTargets.entryExists(path) {
            throw ValidationError("\(path.displaySafe): no such file or directory")
        }
        if schemaReference.unicodeScalars.contains(where: DisplayText.isUnsafe) {
            throw ValidationError("--schema must not contain control characters")
        }
    }

    func run() async throws {
        let sites = Array(Set(siteIDs)).sorted()
        let project = try config.loadValid(terminal: Terminal.current())
        let api = self.api.defaulted(by: project.project)
        let secrets = self.secrets.defaulted(by: project.project, sandbox: api.sandbox)
        let declaredIn = paths.isEmpty ? project.project?.sitePaths ?? [] : paths
        let targets = await ImportTargets.resolve(sites: sites, outDirectory: outDirectory, declaredIn: declaredIn, force: force)
        if !targets.refusals.isEmpty {
            for refusal in targets.refusals { StandardError.write("refused: \(refusal)\n") }
            StandardError.write("Nothing was changed.\n")
            throw ExitCode(ExitStatus.refused.rawValue)
        }
        if dryRun {
            let snapshot = try SecretsReader.read(secrets, for: api)
            let imports = try await fetch(sites, secrets: snapshot, api: api)
            for (site, imported) in imports.sites {
                let text = SiteFileWriter.render(imported, schemaReference: schemaReference)
                StandardOutput.write("# ztahooks import --dry-run: would write \(targets.destinations[site]!.displaySafe)\n"
                    + text.split(separator: "\n", omittingEmptySubsequences: false).map(\.displaySafe).joined(separator: "\n"))
                ImportReport.warn(imported)
            }
            if imports.failed { throw ExitCode(ExitStatus.failure.rawValue) }
            return
        }
        let store = try await secrets.openStore(for: api, retiredKeep: project.project.retiredKeepDuration)
        let code: Int32
        do {
            let imports = try await fetch(sites, secrets: await store.snapshot, api: api)
            code = await ImportReport.write(imports.sites, failedBefore: imports.failed, to: targets.destinations, store: store, schemaReference: schemaReference)
        } catch {
            try? await store.close()
            throw error
        }
        guard await store.closeTellingCustody() else { throw ExitCode(ExitStatus.failure.rawValue) }
        if code != 0 { throw ExitCode(code) }
    }

    /// Lists the sites and builds each one's import; a site that cannot be listed is named with
    /// the server's words and left out.
    private func fetch(_ sites: [String], secrets: SecretsSnapshot, api: APIOptions) async throws -> (sites: [(String, ImportedSite)], failed: Bool) {
        let live = try await LiveState.withReconciler(api) { reconciler throws(APIError) in try await reconciler.observe(siteIDs: sites) }.sites
        var imports: [(String, ImportedSite)] = []
        var failed = false
        for site in sites {
            switch live[site]! {
            case .failure(let error):
                StandardError.write("error: \(error.message.displaySafe); nothing was written for site \(site)\n")
                failed = true
            case .success(let webhooks):
                imports.append((site, SiteImporter.importSite(site, live: webhooks, secrets: secrets)))
            }
        }
        return (imports, failed)
    }
}
