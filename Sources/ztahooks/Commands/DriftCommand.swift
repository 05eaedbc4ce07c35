import ArgumentParser
import Foundation
import ZTAHooksCore
import ZTAHooksRuntime

struct DriftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Report how live webhooks differ from the site files and the secrets file, changing nothing.",
        discussion: """
            Each finding is pending (git changed, nobody applied it), out-of-band (live changed behind git's back) \
            or health (disabled, not triggered within --stale-after, secret lost in flight). \
            Exit codes: 0 clean; 2 any finding; 1 an error (a site that cannot be listed, an invalid site file: \
            the other sites are still reported); 64 bad usage.

            Examples:
              ztahooks drift sites/
              ztahooks drift --format markdown --report drift.json --metrics drift.prom sites/
              ztahooks drift --stale-after 7d --quiet sites/
            """
    )

    static let slackVariable = "ZTAHOOKS_SLACK_WEBHOOK_URL"

    @Argument(help: ArgumentHelp("Site files or directories (searched recursively for *.yaml, *.yml). Default: the current directory.", valueName: "path"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("text, markdown (for job summaries) or json.", valueName: "format"))
    var format: DriftRun.Format = .text

    @Option(name: .customLong("report"), help: ArgumentHelp("Also write the report as JSON to this file (atomically), whatever --format says.", valueName: "file"))
    var report: String?

    @Option(name: .customLong("metrics"), help: ArgumentHelp("Also write the summary in the Prometheus text format (for node_exporter's textfile collector).", valueName: "file"))
    var metrics: String?

    @Flag(help: "Print nothing when there is no drift.")
    var quiet = false

    @Option(name: .customLong("site"), help: ArgumentHelp("Check only this site (repeatable).", valueName: "site-id"))
    var siteIDs: [String] = []

    @Option(name: .customLong("changed-since"), help: ArgumentHelp(
        "Check only the sites whose files were added, changed or renamed since this git revision (all of them when ztahooks.yaml changed); deleted site files are named, and their live webhooks left alone.",
        valueName: "rev"))
    var changedSince: String?

    @Option(name: .customLong("stale-after"), help: ArgumentHelp("Flag webhooks not triggered for this long, e.g. 36h, 7d, 1d12h. Off by default.", valueName: "duration"))
    var staleAfter: String?

    @Option(name: .customLong("notify-slack"), help: ArgumentHelp("Post a summary to this Slack incoming webhook when drift finds something (env \(slackVariable)).", valueName: "url"))
    var notifySlack: String?

    @OptionGroup var stepSummary: StepSummaryOptions
    @OptionGroup var config: ProjectOptions
    @OptionGroup var api: APIOptions
    @OptionGroup var secrets: SecretsOptions

    func validate() throws {
        _ = try staleAfterSeconds()
        _ = try slackURL()
    }

    func run() async throws {
        var run = DriftRun(paths: paths, format: format, report: report, metrics: metrics, quiet: quiet, siteIDs: siteIDs,
                           staleAfter: try staleAfterSeconds(), slack: try slackURL(), writesStepSummary: !stepSummary.noStepSummary)
        run.changedSince = changedSince
        try await run.run(CommandContext(configFile: config.file, api: api.settings, secrets: secrets.settings))
    }

    private func staleAfterSeconds() throws -> Int? {
        guard let staleAfter else { return nil }
        do {
            let seconds = try DurationText.seconds(staleAfter)
            guard seconds > 0 else { throw ValidationError("--stale-after must be longer than zero") }
            return seconds
        } catch let error as DurationText.Error {
            throw ValidationError("--stale-after: \(error.message)")
        }
    }

    /// The Slack webhook URL from the flag or the environment, checked; never echoed.
    private func slackURL() throws -> URL? {
        do {
            if let notifySlack { return try SlackNotifier.validate(notifySlack, source: "--notify-slack") }
            guard let env = ProcessInfo.processInfo.environment[Self.slackVariable], !env.isEmpty else { return nil }
            return try SlackNotifier.validate(env, source: Self.slackVariable)
        } catch {
            throw error.validation
        }
    }
}
