import ArgumentParser
import Foundation
import ZTAHooksCore

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

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json
    }

    static let slackVariable = "ZTAHOOKS_SLACK_WEBHOOK_URL"

    @Argument(help: ArgumentHelp("Site files or directories (searched recursively for *.yaml, *.yml). Default: the current directory.", valueName: "path"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("text, markdown (for job summaries) or json.", valueName: "format"))
    var format: Format = .text

    @Option(name: .customLong("report"), help: ArgumentHelp("Also write the report as JSON to this file (atomically), whatever --format says.", valueName: "file"))
    var report: String?

    @Option(name: .customLong("metrics"), help: ArgumentHelp("Also write the summary in the Prometheus text format (for node_exporter's textfile collector).", valueName: "file"))
    var metrics: String?

    @Flag(help: "Print nothing when there is no drift.")
    var quiet = false

    @Option(name: .customLong("site"), help: ArgumentHelp("Check only this site (repeatable).", valueName: "site-id"))
    var siteIDs: [String] = []

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
        let terminal = Terminal.current()
        let project = config.load()
        let api = self.api.defaulted(by: project.project)
        let secrets = self.secrets.defaulted(by: project.project, sandbox: api.sandbox)
        // Each site is listed as soon as its file is parsed, while the rest are read. The secrets
        // file is read without the lock and without writing: drift must change nothing, even on a crash.
        // A secrets file of another API is refused before any request.
        let snapshot = try SecretsReader.read(secrets, for: api)
        let (input, live) = try await LiveState.withSites(api, only: siteIDs, load: { prefetch in
            try await SiteInput.load(paths: paths, only: siteIDs, project: project, announce: format == .text && !quiet,
                                     terminal: terminal, prefetch: prefetch)
        }) { reconciler, input, prefetch throws(APIError) in
            (input, try await reconciler.observe(input.sites, prefetched: prefetch).sites)
        }
        let now = Date()
        let drift = DriftAnalyzer.analyze(sites: input.sites, live: live, secrets: snapshot, now: now,
                                          staleAfter: try staleAfterSeconds(), invalidFiles: input.invalidFiles)
        let clean = drift.summary.findings == 0 && !drift.summary.isIncomplete

        if !(quiet && clean) {
            switch format {
            case .text: StandardOutput.write(DriftTextRenderer.render(drift, style: Style(enabled: terminal.colorOnStdout)))
            case .markdown: StandardOutput.write(DriftMarkdownRenderer.render(drift))
            case .json: StandardOutput.write(DriftJSONRenderer.render(drift))
            }
        }
        var failed = !write(DriftJSONRenderer.render(drift), to: report, what: "the report")
        failed = !write(DriftMetricsRenderer.render(drift, runAt: now), to: metrics, what: "the metrics", mode: 0o644) || failed
        StepSummary.append({ DriftMarkdownRenderer.render(drift) }, enabled: !stepSummary.noStepSummary,
                           wholeReport: "The whole report is in the job log (`ztahooks drift`) and in `ztahooks drift --format json`.")
        if let url = try slackURL(), !clean {
            if let reason = await SlackNotifier.post(DriftSlackMessage.payload(drift), to: url) {
                StandardError.write("warning: the Slack notification was not delivered: \(reason)\n")
            }
        }
        for site in drift.sites {
            if let error = site.error {
                StandardError.write("error: site \(site.siteId) (\(site.file.displaySafe)) could not be listed: \(error.displaySafe)\n")
            }
        }
        if failed || drift.summary.isIncomplete { throw ExitCode(ExitStatus.failure.rawValue) }
        if drift.summary.findings > 0 { throw ExitCode(ExitStatus.changes.rawValue) }
    }

    /// Writes a file whole or not at all; false (after saying why) when it could not be written.
    /// The text is rendered only when there is a file to write: a report of 1,000 sites costs
    /// real time to encode.
    private func write(_ text: @autoclosure () -> String, to path: String?, what: String, mode: mode_t? = nil) -> Bool {
        guard let path else { return true }
        do {
            try POSIXDurableFileIO().replaceFile(path, with: Array(text().utf8))
        } catch {
            StandardError.write("error: cannot write \(what) to \(path): \(error.reason)\n")
            return false
        }
        // The metrics hold no secret and node_exporter reads them as another user.
        if let mode { chmod(path, mode) }
        return true
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
        if let notifySlack { return try SlackNotifier.validate(notifySlack, source: "--notify-slack") }
        guard let env = ProcessInfo.processInfo.environment[Self.slackVariable], !env.isEmpty else { return nil }
        return try SlackNotifier.validate(env, source: Self.slackVariable)
    }
}
