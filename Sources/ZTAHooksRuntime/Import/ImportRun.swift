import Foundation
import ZTAHooksCore

/// `ztahooks import`: site files for sites' live webhooks, and their adoption into the secrets file.
public struct ImportRun: Sendable {
    public var paths: [String]
    public var siteIDs: [String]
    public var outDirectory: String
    public var force: Bool
    public var dryRun: Bool
    public var schemaReference: String

    public init(paths: [String], siteIDs: [String], outDirectory: String, force: Bool, dryRun: Bool, schemaReference: String) {
        self.paths = paths
        self.siteIDs = siteIDs
        self.outDirectory = outDirectory
        self.force = force
        self.dryRun = dryRun
        self.schemaReference = schemaReference
    }

    /// Reads the project file itself (`configFile`): its problems end the run before anything is done.
    public func run(configFile: String?, api: APISettings, secrets: SecretsSettings) async throws {
        let sites = Array(Set(siteIDs)).sorted()
        let project = try ProjectInput.loadValid(configFile: configFile, terminal: Terminal.current())
        let api = api.defaulted(by: project.project)
        let secrets = secrets.defaulted(by: project.project, sandbox: api.sandbox)
        let declaredIn = paths.isEmpty ? project.project?.sitePaths ?? [] : paths
        let targets = await ImportTargets.resolve(sites: sites, outDirectory: outDirectory, declaredIn: declaredIn, force: force)
        if !targets.refusals.isEmpty {
            for refusal in targets.refusals { StandardError.write("refused: \(refusal)\n") }
            StandardError.write("Nothing was changed.\n")
            throw CommandExit(.refused)
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
            if imports.failed { throw CommandExit(.failure) }
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
        guard await store.closeTellingCustody() else { throw CommandExit(.failure) }
        if code != 0 { throw CommandExit(.failure) }
    }

    /// Lists the sites and builds each one's import; a site that cannot be listed is named with
    /// the server's words and left out.
    private func fetch(_ sites: [String], secrets: SecretsSnapshot, api: APISettings) async throws -> (sites: [(String, ImportedSite)], failed: Bool) {
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
