import ArgumentParser
import ZTAHooksCore
import ZTAHooksRuntime

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
        let run = ImportRun(paths: paths, siteIDs: siteIDs, outDirectory: outDirectory, force: force, dryRun: dryRun, schemaReference: schemaReference)
        try await run.run(configFile: config.file, api: api.settings, secrets: secrets.settings)
    }
}
