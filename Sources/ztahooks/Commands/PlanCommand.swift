import ArgumentParser
import ZTAHooksRuntime

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what apply would change, without changing anything.",
        discussion: """
            Exit codes: 0 success; with --detailed-exitcode 2 when changes are pending; \
            1 on any error (invalid files, API failures: the other sites are still planned and printed).

            Examples:
              ztahooks plan --sandbox sites/
              ztahooks plan --format markdown --out plan.json sites/ > plan.md
              ztahooks plan --detailed-exitcode --site site_abc123 sites/
            """
    )

    @Argument(help: ArgumentHelp("Site files or directories (searched recursively for *.yaml, *.yml). Default: the current directory.", valueName: "path"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("text, markdown (for pull requests) or json.", valueName: "format"))
    var format: PlanRun.Format = .text

    @Option(name: .customLong("out"), help: ArgumentHelp("Also save the plan as JSON, for `apply --plan`.", valueName: "file"))
    var out: String?

    @Flag(name: .customLong("detailed-exitcode"), help: "Exit 2 when changes are pending, 0 when none.")
    var detailedExitcode = false

    @Option(name: .customLong("site"), help: ArgumentHelp("Plan only this site (repeatable).", valueName: "site-id"))
    var siteIDs: [String] = []

    @Option(name: .customLong("changed-since"), help: ArgumentHelp(
        "Plan only the sites whose files were added, changed or renamed since this git revision (all of them when ztahooks.yaml changed); deleted site files are named, and their live webhooks left alone.",
        valueName: "rev"))
    var changedSince: String?

    @OptionGroup var stepSummary: StepSummaryOptions
    @OptionGroup var config: ProjectOptions
    @OptionGroup var api: APIOptions
    @OptionGroup var secrets: SecretsOptions

    func run() async throws {
        var run = PlanRun(paths: paths, format: format, out: out, detailedExitcode: detailedExitcode, siteIDs: siteIDs,
                          writesStepSummary: !stepSummary.noStepSummary)
        run.changedSince = changedSince
        try await run.run(CommandContext(configFile: config.file, api: api.settings, secrets: secrets.settings))
    }
}
