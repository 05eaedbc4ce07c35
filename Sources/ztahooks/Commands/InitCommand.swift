import ArgumentParser
import ZTAHooksCore
import ZTAHooksRuntime

/// `ztahooks init`: a new sites repository, ready for its first plan.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Scaffold a sites repository: project file, sites/, schemas, .gitignore lines, CI files.",
        discussion: """
            Writes into DIR (default: the current directory, created when missing): ztahooks.yaml \
            (paths: [sites], a commented allowedHosts template), sites/example.yaml (with the \
            schema modeline that editors read), schemas/ (the JSON Schemas of both files), the \
            .gitignore lines that keep .ztahooks/ out of git but for the sealed secrets file CI \
            commits back (added to an existing .gitignore, whose lines are kept), and with --ci the \
            workflow files that use the ztahooks GitHub Action or GitLab component. --import \
            SITE_ID imports those live sites into sites/ instead of the example (as `ztahooks \
            import` does; it needs the API, or --sandbox). Never overwrites: when a file exists it \
            names it, writes nothing and exits 3. Ends with the exact next steps. Exit codes: 0 \
            done; 1 a file could not be written or an import failed; 3 refused, a file exists; 64 usage.

            Examples:
              ztahooks init acme-webhooks --ci github
              ztahooks init --ci gitlab --import site_abc123 --import site_def456
              ztahooks init --dry-run
            """
    )

    @Argument(help: ArgumentHelp("The repository's directory. Default: the current directory.", valueName: "dir"))
    var directory: String = "."

    @Option(help: ArgumentHelp("CI files to write: github (three workflows), gitlab (.gitlab-ci.yml) or none.", valueName: "ci"))
    var ci: ProjectScaffold.CI = .none

    @Option(name: .customLong("import"), parsing: .upToNextOption,
            help: ArgumentHelp("Live sites to import into sites/ instead of the example (repeatable).", valueName: "site-id"))
    var imports: [String] = []

    @Flag(name: .customLong("dry-run"), help: "List the files init would write; write nothing.")
    var dryRun = false

    @OptionGroup var api: APIOptions

    func validate() throws {
        for site in imports where !SiteFormat.isValidSiteID(site) {
            throw ValidationError("--import '\(site.displaySafe)' is not a site ID (letters, digits, '_' and '-', at most \(SiteFormat.siteMaxLength))")
        }
    }

    func run() async throws {
        try await InitRun(directory: directory, ci: ci, imports: imports, dryRun: dryRun).run(api: api.settings)
    }
}
