import ArgumentParser
import ZTAHooksCore
import ZTAHooksRuntime

/// `ztahooks doctor`: one checklist before the first apply.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the setup before the first apply: files, API, token, sites, clock, secrets file, key, git.",
        discussion: """
            Each line is ok, warn or fail, with the fix. It reads the project file and the site \
            files, lists every declared site once (one request each, no retry: it shows the API \
            as it is), compares this machine's clock with the API's Date header (warn beyond 5 \
            minutes), and looks at the secrets file (present or a first run, mode, the API it \
            belongs to, lock, journal, sealed with the key given, every managed live webhook's \
            secret) and at how git treats it. With --contract --site SCRATCH it also creates a \
            webhook on that site pointing at a host that never resolves, lists it, deletes it and \
            lists again, checking every answer against the contract of the API \
            (schemas/zta-api.openapi.yaml). Changes nothing else; never prints a secret or the \
            token. Exit codes: 0 nothing failed (warnings allowed); 1 something failed; 64 usage.

            Examples:
              ztahooks doctor
              ztahooks doctor --sandbox
              ztahooks doctor --contract --site site_scratch --format json
            """
    )

    @Argument(help: ArgumentHelp("Site files or directories. Default: the project file's paths, else the current directory.", valueName: "path"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("text or json.", valueName: "format"))
    var format: OutputFormat = .text

    @Flag(help: "Also run a create-list-delete round trip on --site and check every answer against the API's contract.")
    var contract = false

    @Option(name: .customLong("site"), help: ArgumentHelp("The scratch site for --contract: a site of this token that no site file manages.", valueName: "site-id"))
    var scratchSite: String?

    @OptionGroup var config: ProjectOptions
    @OptionGroup var api: APIOptions
    @OptionGroup var secrets: SecretsOptions

    func validate() throws {
        if contract, scratchSite == nil { throw ValidationError("--contract needs --site SCRATCH: a site of this token that no site file manages") }
        if !contract, scratchSite != nil { throw ValidationError("--site is for --contract") }
        if let scratchSite, !SiteFormat.isValidSiteID(scratchSite) { throw ValidationError("--site '\(scratchSite.displaySafe)' is not a site ID") }
    }

    func run() async throws {
        let context = CommandContext(configFile: config.file, api: api.settings, secrets: secrets.settings)
        let report = DoctorReport(checks: try await DoctorRun(paths: paths, contractSite: scratchSite).checks(context))
        switch format {
        case .text: StandardOutput.write(DoctorRenderer.text(report, style: Style(enabled: context.terminal.colorOnStdout)))
        case .json: StandardOutput.write(DoctorRenderer.json(report))
        }
        if report.failed { throw ExitCode(ExitStatus.failure.rawValue) }
    }
}
