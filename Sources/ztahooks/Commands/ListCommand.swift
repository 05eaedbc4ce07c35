import ArgumentParser
import ZTAHooksCore
import ZTAHooksRuntime

struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Show the live webhooks of the declared (or named) sites, and how ztahooks stands to each.",
        discussion: """
            States: managed (declared, secret in the secrets file), adopted (declared, imported \
            without its secret), unknown (declared, no record in the secrets file), unmanaged (not \
            declared; on a prune: true site the next apply deletes it). Never shows a secret. \
            Exit codes: 0 success; 1 when a site file is invalid or a site could not be listed.

            Examples:
              ztahooks list --sandbox
              ztahooks list --site site_abc123 --format json
            """
    )

    @Argument(help: ArgumentHelp("Site files or directories (searched recursively for *.yaml, *.yml). Default: the current directory.", valueName: "path"))
    var paths: [String] = []

    @Option(name: .customLong("site"), help: ArgumentHelp("List this site, declared or not (repeatable). Default: every declared site.", valueName: "site-id"))
    var siteIDs: [String] = []

    @Option(help: ArgumentHelp("text or json.", valueName: "format"))
    var format: OutputFormat = .text

    @OptionGroup var config: ProjectOptions
    @OptionGroup var api: APIOptions
    @OptionGroup var secrets: SecretsOptions

    func validate() throws {
        for site in siteIDs where !SiteFormat.isValidSiteID(site) {
            throw ValidationError("--site '\(site.displaySafe)' is not a site ID (letters, digits, '_' and '-', at most \(SiteFormat.siteMaxLength))")
        }
    }

    func run() async throws {
        let context = CommandContext(configFile: config.file, api: api.settings, secrets: secrets.settings)
        let input = try await SiteInput.load(paths: paths, project: context.project, announce: format == .text, terminal: context.terminal)
        let wanted = siteIDs.isEmpty ? input.sites.map(\.site) : siteIDs
        let declared = input.sites.filter { wanted.contains($0.site) }
        let snapshot = try SecretsReader.read(context.secrets, for: context.api)
        let live = try await LiveState.withReconciler(context.api) { reconciler throws(APIError) in try await reconciler.observe(siteIDs: wanted) }.sites
        let listing = Lister.list(declared: declared, live: live, secrets: snapshot)

        switch format {
        case .text: StandardOutput.write(ListTextRenderer.render(listing, style: Style(enabled: context.terminal.colorOnStdout)))
        case .json: StandardOutput.write(ListJSONRenderer.render(listing))
        }
        for site in listing.sites {
            if let error = site.error { StandardError.write("error: site \(site.siteId): \(error.displaySafe)\n") }
        }
        if input.hasErrors || listing.hasErrors { throw ExitCode(ExitStatus.failure.rawValue) }
    }
}
