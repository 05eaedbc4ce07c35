import Foundation
import ZTAHooksCore

/// `ztahooks plan`: what apply would change, printed and optionally saved, changing nothing.
public struct PlanRun: Sendable {
    public enum Format: String, CaseIterable, Sendable {
        case text, markdown, json
    }

    public var paths: [String]
    public var format: Format
    /// Also save the plan as JSON here, for `apply --plan`.
    public var out: String?
    public var detailedExitcode: Bool
    public var siteIDs: [String]
    public var writesStepSummary: Bool
    /// Only the site files changed since this git revision (`--changed-since`).
    public var changedSince: String?

    public init(paths: [String], format: Format, out: String?, detailedExitcode: Bool, siteIDs: [String], writesStepSummary: Bool) {
        self.paths = paths
        self.format = format
        self.out = out
        self.detailedExitcode = detailedExitcode
        self.siteIDs = siteIDs
        self.writesStepSummary = writesStepSummary
    }

    public func run(_ context: CommandContext) async throws {
        // The secrets file first: one of another API is refused before any request.
        let snapshot = try SecretsReader.read(context.secrets, for: context.api)
        // Text or JSON is printed a site at a time as it is planned (and `--out` gathered as its
        // JSON), and no whole plan is kept: memory stays flat in the number of sites. Markdown
        // picks what fits in a comment from the whole plan; so does the job summary.
        if format != .markdown && !StepSummary.isWanted(enabled: writesStepSummary) {
            return try await runStreamed(context, secrets: snapshot)
        }
        let terminal = context.terminal
        // Each site is listed as soon as its file is parsed, while the rest are read.
        let (input, plan) = try await LiveState.withSites(context.api, only: siteIDs, load: load(context)) { reconciler, input, prefetch throws(APIError) in
            // The planner frees each site file once planned; the run keeps what the summary and the saved plan need.
            let kept = input.withoutSites
            return (kept, try await reconciler.plan(input, secrets: snapshot, prefetched: prefetch).plan)
        }

        switch format {
        case .text:
            StandardOutput.streaming { write in
                PlanTextRenderer.render(plan, style: Style(enabled: terminal.colorOnStdout), invalidFiles: input.invalidFileCount, write: write)
            }
        case .markdown: StandardOutput.write(PlanMarkdownRenderer.render(plan, invalidFiles: input.invalidFileCount))
        case .json: StandardOutput.write(PlanJSONRenderer.render(plan))
        }
        if let out {
            var saved = plan
            saved.source = input.source
            try save(Array(PlanJSONRenderer.render(saved).utf8), to: out)
        }
        StepSummary.append({ PlanMarkdownRenderer.render(plan, invalidFiles: input.invalidFileCount) },
                           enabled: writesStepSummary, wholeReport: PlanMarkdownRenderer.defaultFullPlanHint)
        plan.reportFailedSites()
        try finish(invalidFiles: input.hasErrors, failedSites: plan.hasErrors, changes: plan.hasChanges)
    }

    /// The plan in text or JSON, each site printed as it is planned and then let go: what stays
    /// is the site set's diagnostics, the plan's counts and, for `--out`, the saved plan's JSON.
    /// The same bytes as the whole plan rendered.
    private func runStreamed(_ context: CommandContext, secrets snapshot: SecretsSnapshot) async throws {
        let (input, live) = try await LiveState.withSites(context.api, only: siteIDs, load: load(context)) { reconciler, input, prefetch throws(APIError) in
            (input, try await reconciler.observe(input.sites, prefetched: prefetch))
        }
        let kept = input.withoutSites
        let style = Style(enabled: context.terminal.colorOnStdout)
        let output = StandardOutput.Gathered()
        var json = PlanJSONRenderer.Stream(sourceChecksum: kept.checksum)
        if format == .json { output.write(json.start()) }
        // The saved plan names its site files, so that `apply --plan` reads the same ones from
        // anywhere. Its text is gathered as the sites are planned: once, not the plan and then
        // its text over again.
        var saved = PlanJSONRenderer.Stream(sourceChecksum: kept.checksum, source: kept.source)
        var savedBytes: [UInt8] = []
        if out != nil { savedBytes += saved.start().utf8 }
        // Handed over: each site file is freed once its site is planned and printed.
        let tally = Planner.plan(sites: (consume input).sites, live: live.sites, secrets: snapshot) { site in
            if format == .json {
                output.write(json.site(site))
            } else {
                PlanTextRenderer.renderSite(site, style: style, write: output.write)
            }
            if out != nil { savedBytes += saved.site(site).utf8 }
        }
        if format == .json {
            output.write(json.end(tally.summary))
        } else {
            PlanTextRenderer.renderEnd(tally, style: style, invalidFiles: kept.invalidFileCount, write: output.write)
        }
        output.flush()
        if let out {
            savedBytes += saved.end(tally.summary).utf8
            try save(savedBytes, to: out)
        }
        tally.reportFailedSites()
        try finish(invalidFiles: kept.hasErrors, failedSites: tally.hasErrors, changes: tally.hasChanges)
    }

    /// Writes the saved plan, and says how to apply it beside a text plan.
    private func save(_ bytes: @autoclosure () -> [UInt8], to out: String) throws {
        guard ReportFile.write(bytes: bytes(), to: out, what: "the plan") else { throw CommandExit(.failure) }
        if format == .text { StandardError.write("Saved the plan to \(out); run `ztahooks apply --plan \(out)` to apply exactly this.\n") }
    }

    /// Reads the site files, handing each site to `prefetch` as soon as its file is parsed.
    private func load(_ context: CommandContext) -> (LivePrefetch?) async throws -> SiteSet {
        { prefetch in
            try await SiteInput.load(paths: paths, only: siteIDs, project: context.project, announce: format == .text,
                                     terminal: context.terminal, prefetch: prefetch, changedSince: changedSince)
        }
    }

    /// Exit 1 on invalid files or failed sites, else 2 for pending changes with `--detailed-exitcode`.
    private func finish(invalidFiles: Bool, failedSites: Bool, changes: Bool) throws {
        if invalidFiles || failedSites { throw CommandExit(.failure) }
        if detailedExitcode && changes { throw CommandExit(.changes) }
    }
}
