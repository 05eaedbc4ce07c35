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
        let terminal = context.terminal
        // The secrets file first: one of another API is refused before any request.
        let snapshot = try SecretsReader.read(context.secrets, for: context.api)
        // Each site is listed as soon as its file is parsed, while the rest are read.
        let (input, plan) = try await LiveState.withSites(context.api, only: siteIDs, load: { prefetch in
            try await SiteInput.load(paths: paths, only: siteIDs, project: context.project, announce: format == .text,
                                     terminal: terminal, prefetch: prefetch, changedSince: changedSince)
        }) { reconciler, input, prefetch throws(APIError) in
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
            // The saved plan names its site files, so that `apply --plan` reads the same ones from anywhere.
            var saved = plan
            saved.source = input.source
            guard ReportFile.write(PlanJSONRenderer.render(saved), to: out, what: "the plan") else { throw CommandExit(.failure) }
            if format == .text { StandardError.write("Saved the plan to \(out); run `ztahooks apply --plan \(out)` to apply exactly this.\n") }
        }
        StepSummary.append({ PlanMarkdownRenderer.render(plan, invalidFiles: input.invalidFileCount) },
                           enabled: writesStepSummary, wholeReport: PlanMarkdownRenderer.defaultFullPlanHint)
        plan.reportFailedSites()
        if input.hasErrors || plan.hasErrors { throw CommandExit(.failure) }
        if detailedExitcode && plan.hasChanges { throw CommandExit(.changes) }
    }
}
