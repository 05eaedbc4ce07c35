import Foundation
import ZTAHooksCore

/// `ztahooks drift`: how live webhooks differ from the site files and the secrets file, reported
/// in every form asked for, changing nothing.
public struct DriftRun: Sendable {
    public enum Format: String, CaseIterable, Sendable {
        case text, markdown, json
    }

    public var paths: [String]
    public var format: Format
    /// Also write the report as JSON here.
    public var report: String?
    /// Also write the summary in the Prometheus text format here.
    public var metrics: String?
    public var quiet: Bool
    public var siteIDs: [String]
    public var staleAfter: Int?
    /// The Slack incoming webhook to notify when drift finds something; a secret, never shown.
    public var slack: URL?
    public var writesStepSummary: Bool
    /// Only the site files changed since this git revision (`--changed-since`).
    public var changedSince: String?

    public init(paths: [String], format: Format, report: String?, metrics: String?, quiet: Bool, siteIDs: [String],
                staleAfter: Int?, slack: URL?, writesStepSummary: Bool) {
        self.paths = paths
        self.format = format
        self.report = report
        self.metrics = metrics
        self.quiet = quiet
        self.siteIDs = siteIDs
        self.staleAfter = staleAfter
        self.slack = slack
        self.writesStepSummary = writesStepSummary
    }

    /// Ends with exit 1 for an error (the other sites still reported), 2 for any finding.
    public func run(_ context: CommandContext) async throws {
        let terminal = context.terminal
        // Each site is listed as soon as its file is parsed, while the rest are read. The secrets
        // file is read without the lock and without writing: drift must change nothing, even on a crash.
        // A secrets file of another API is refused before any request.
        let snapshot = try SecretsReader.read(context.secrets, for: context.api)
        let (loaded, live) = try await LiveState.withSites(context.api, only: siteIDs, load: { prefetch in
            try await SiteInput.load(paths: paths, only: siteIDs, project: context.project, announce: format == .text && !quiet,
                                     terminal: terminal, prefetch: prefetch, changedSince: changedSince)
        }) { reconciler, input, prefetch throws(APIError) in
            (input, try await reconciler.observe(input.sites, prefetched: prefetch).sites)
        }
        let now = Date()
        // The analyzer frees each site file once analysed; the run keeps the rest.
        let input = loaded.withoutSites
        // Text and nothing else from the report is printed a site at a time as it is analysed,
        // and no whole report is kept: memory stays flat in the number of sites. `--quiet` knows
        // whether to print only at the end; the other outputs are made from the whole report.
        if format == .text && !quiet && report == nil && metrics == nil && slack == nil
            && !StepSummary.isWanted(enabled: writesStepSummary) {
            let style = Style(enabled: terminal.colorOnStdout)
            let output = StandardOutput.Gathered()
            DriftTextRenderer.renderStart(invalidFiles: input.invalidFiles, style: style, write: output.write)
            let (summary, failed) = DriftAnalyzer.analyze(sites: (consume loaded).sites, live: live, secrets: snapshot, now: now,
                                                          staleAfter: staleAfter, invalidFiles: input.invalidFiles) { site in
                DriftTextRenderer.renderSite(site, style: style, write: output.write)
            }
            DriftTextRenderer.renderEnd(summary, style: style, write: output.write)
            output.flush()
            return try finish(summary, failed: failed, writesFailed: false)
        }
        let drift = DriftAnalyzer.analyze(sites: (consume loaded).sites, live: live, secrets: snapshot, now: now,
                                          staleAfter: staleAfter, invalidFiles: input.invalidFiles)
        let clean = drift.summary.findings == 0 && !drift.summary.isIncomplete

        if !(quiet && clean) {
            switch format {
            case .text:
                StandardOutput.streaming { write in DriftTextRenderer.render(drift, style: Style(enabled: terminal.colorOnStdout), write: write) }
            case .markdown: StandardOutput.write(DriftMarkdownRenderer.render(drift))
            case .json: StandardOutput.write(DriftJSONRenderer.render(drift))
            }
        }
        var failed = !ReportFile.write(DriftJSONRenderer.render(drift), to: report, what: "the report")
        failed = !ReportFile.write(DriftMetricsRenderer.render(drift, runAt: now), to: metrics, what: "the metrics", mode: 0o644) || failed
        StepSummary.append({ DriftMarkdownRenderer.render(drift) }, enabled: writesStepSummary,
                           wholeReport: "The whole report is in the job log (`ztahooks drift`) and in `ztahooks drift --format json`.")
        if let slack, !clean {
            if let reason = await SlackNotifier.post(DriftSlackMessage.payload(drift), to: slack) {
                StandardError.write("warning: the Slack notification was not delivered: \(reason)\n")
            }
        }
        try finish(drift.summary, failed: drift.sites, writesFailed: failed)
    }

    /// Names the sites that could not be listed, then ends: exit 1 for an error (a site not
    /// listed, a file not read, an output not written), 2 for any finding.
    private func finish(_ summary: DriftSummary, failed sites: [SiteDrift], writesFailed: Bool) throws {
        for site in sites {
            if let error = site.error {
                StandardError.write("error: site \(site.siteId) (\(site.file.displaySafe)) could not be listed: \(error.displaySafe)\n")
            }
        }
        if writesFailed || summary.isIncomplete { throw CommandExit(.failure) }
        if summary.findings > 0 { throw CommandExit(.changes) }
    }
}
