import ArgumentParser
import ZTAHooksCore
import ZTAHooksRuntime

struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Carry out the plan: create, replace and delete webhooks, saving every secret.",
        discussion: """
            Exit codes: 0 done; 1 invalid files, an API failure, an action that failed (the others \
            still ran), or a secret not in the secrets file itself; 3 refused and nothing changed (a \
            guard tripped, no approval, a saved plan that no longer matches live state, or another \
            apply holds the lock); 130/143 stopped by SIGINT/SIGTERM after finishing the requests in \
            flight and saving their secrets.

            Examples:
              ztahooks apply --sandbox sites/
              ztahooks apply --plan plan.json --auto-approve
              ztahooks apply --auto-approve --format json sites/ > result.json
            """
    )

    @Argument(help: ArgumentHelp("Site files or directories. Default: those a saved plan (--plan) was made from, else the project file's paths, else the current directory.", valueName: "path"))
    var paths: [String] = []

    @Option(name: .customLong("plan"), help: ArgumentHelp("Execute this saved plan (from `plan --out`) instead of planning anew.", valueName: "file"))
    var planFile: String?

    @Flag(name: .customLong("auto-approve"), help: "Do not ask; required when standard input is not a terminal.")
    var autoApprove = false

    @Option(help: ArgumentHelp("text, or json: the result for scripts on standard output (the plan and progress go to standard error).",
                               valueName: "format"))
    var format: ResultFormat = .text

    @Option(name: .customLong("max-deletes"), help: ArgumentHelp("Refuse a run that deletes more webhooks than this (default \(ApplyGuards.defaultMaxDeletes), or maxDeletes in ztahooks.yaml).", valueName: "n"))
    var maxDeletes: Int?

    @Flag(name: .customLong("allow-empty"), help: "Let a site file with no webhooks delete all of its site's live webhooks.")
    var allowEmpty = false

    @Option(name: .customLong("site"), help: ArgumentHelp("Apply only this site (repeatable).", valueName: "site-id"))
    var siteIDs: [String] = []

    @Option(name: .customLong("changed-since"), help: ArgumentHelp(
        "Apply only the sites whose files were added, changed or renamed since this git revision (all of them when ztahooks.yaml changed); deleted site files are named, and their live webhooks left alone.",
        valueName: "rev"))
    var changedSince: String?

    @OptionGroup var stepSummary: StepSummaryOptions
    @OptionGroup var config: ProjectOptions
    @OptionGroup var api: APIOptions
    @OptionGroup var secrets: SecretsOptions
    @OptionGroup var sinkOptions: SinkOptions

    func validate() throws {
        if let maxDeletes, maxDeletes < 0 { throw ValidationError("--max-deletes must be 0 or more") }
    }

    func run() async throws {
        var run = ApplyRun(paths: paths, planFile: planFile, autoApprove: autoApprove, format: format, maxDeletes: maxDeletes,
                           allowEmpty: allowEmpty, siteIDs: siteIDs, writesStepSummary: !stepSummary.noStepSummary, sinks: sinkOptions.settings)
        run.changedSince = changedSince
        try await run.run(CommandContext(configFile: config.file, api: api.settings, secrets: secrets.settings))
    }
}
