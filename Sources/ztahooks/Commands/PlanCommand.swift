import ArgumentParser
import Foundation
import ZTAHooksCore

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

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json
    }

    @Argument(help: ArgumentHelp("Site files or directories (searched recursively for *.yaml, *.yml). Default: the current directory.", valueName: "path"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("text, markdown (for pull requests) or json.", valueName: "format"))
    var format: Format = .text

    @Option(name: .customLong("out"), help: ArgumentHelp("Also save the plan as JSON, for `apply --plan`.", valueName: "file"))
    var out: String?

    @Flag(name: .customLong("detailed-exitcode"), help: "Exit 2 when changes are pending, 0 when none.")
    var detailedExitcode = false

    @Option(name: .customLong("site"), help: ArgumentHelp("Plan only this site (repeatable).", valueName: "site-id"))
    var siteIDs: [String] = []

    @OptionGroup var stepSummary: StepSummaryOptions
    @OptionGroup var config: ProjectOptions
    @OptionGroup var api: APIOptions
    @OptionGroup var secrets: SecretsOptions

    func run() async throws {
        let terminal = Terminal.current()
        let project = config.load()
        let api = self.api.defaulted(by: project.project)
        let secrets = self.secrets.defaulted(by: project.project, sandbox: api.sandbox)
        // The secrets file first: one of another API is refused before any request.
        let snapshot = try SecretsReader.read(secrets, for: api)
        // Each site is listed as soon as its file is parsed, while the rest are read.
        let (input, plan) = try await LiveState.withSites(api, only: siteIDs, load: { prefetch in
            try await SiteInput.load(paths: paths, only: siteIDs, project: project, announce: format == .text,
                                     terminal: terminal, prefetch: prefetch)
        }) { reconciler, input, prefetch throws(APIError) in
            (input, try await reconciler.plan(input, secrets: snapshot, prefetched: prefetch).plan)
        }

        switch format {
        case .text: StandardOutput.write(PlanTextRenderer.render(plan, style: Style(enabled: terminal.colorOnStdout), invalidFiles: input.invalidFileCount))
        case .markdown: StandardOutput.write(PlanMarkdownRenderer.render(plan, invalidFiles: input.invalidFileCount))
        case .json: StandardOutput.write(PlanJSONRenderer.render(plan))
        }
        if let out {
            // The saved plan names its site files, so that `apply --plan` reads the same ones from anywhere.
            var saved = plan
            saved.source = input.source
            do {
                try POSIXDurableFileIO().replaceFile(out, with: Array(PlanJSONRenderer.render(saved).utf8))
            } catch {
                StandardError.write("error: cannot write the plan to \(out): \(error.reason)\n")
                throw ExitCode(ExitStatus.failure.rawValue)
            }
            if format == .text { StandardError.write("Saved the plan to \(out); run `ztahooks apply --plan \(out)` to apply exactly this.\n") }
        }
        StepSummary.append({ PlanMarkdownRenderer.render(plan, invalidFiles: input.invalidFileCount) },
                           enabled: !stepSummary.noStepSummary, wholeReport: PlanMarkdownRenderer.defaultFullPlanHint)
        plan.reportFailedSites()
        if input.hasErrors || plan.hasErrors { throw ExitCode(ExitStatus.failure.rawValue) }
        if detailedExitcode && plan.hasChanges { throw ExitCode(ExitStatus.changes.rawValue) }
    }
}
