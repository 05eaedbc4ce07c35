import ArgumentParser
import Foundation
import ZTAHooksCore

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

    @OptionGroup var stepSummary: StepSummaryOptions
    @OptionGroup var config: ProjectOptions
    @OptionGroup var api: APIOptions
    @OptionGroup var secrets: SecretsOptions
    @OptionGroup var sinkOptions: SinkOptions

    func validate() throws {
        if let maxDeletes, maxDeletes < 0 { throw ValidationError("--max-deletes must be 0 or more") }
    }

    func run() async throws {
        let terminal = Terminal.current()
        let project = config.load()
        let api = self.api.defaulted(by: project.project)
        let secrets = self.secrets.defaulted(by: project.project, sandbox: api.sandbox)
        let saved = try planFile.map(SavedPlanFile.read)
        var paths = self.paths
        if paths.isEmpty, let source = saved?.plan.source {
            // The site files the plan was made from, wherever this runs in the checkout.
            let cwd = FileManager.default.currentDirectoryPath
            paths = source.resolved(cwd: cwd, root: SourceRoot.find(cwd: cwd, projectPath: project.project?.path, in: LocalFileSource()))
        }
        let input = try await SiteInput.load(paths: paths, only: siteIDs, project: project, terminal: terminal)
        let maxDeletes = maxDeletes ?? project.project?.maxDeletes ?? ApplyGuards.defaultMaxDeletes
        if input.hasErrors {
            StandardError.write("error: the site files have errors (above); fix them first. Nothing was changed.\n")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
        let sinks = sinkOptions.sinks(project: project.project, sandbox: api.sandbox)
        try await ApplySession.run(secrets: secrets, api: api, project: project.project) { session in
            await execute(input: input, saved: saved, maxDeletes: maxDeletes, sinks: sinks, session: session, terminal: terminal)
        }
    }

    private func execute(
        input: SiteSet, saved: (plan: Plan, path: String)?, maxDeletes: Int, sinks: SecretSinks, session: ApplySession, terminal: Terminal
    ) async -> ExitStatus {
        let snapshot = await session.store.snapshot
        guard let live = try? await LiveState.observe(input.sites, reconciler: session.reconciler) else { return .failure }
        let guards = ApplyGuards(maxDeletes: maxDeletes, allowEmpty: allowEmpty)
        let output = HumanOutput(machineFormat: format == .json)
        let style = output.style(terminal)
        func show(_ plan: Plan) {
            output.write(PlanTextRenderer.render(plan, style: style))
            plan.reportFailedSites()
        }
        func refusedResult(_ reasons: [String]) {
            if format == .json { StandardOutput.write(ApplyJSONRenderer.refused(reasons, command: "apply", secretsFile: session.store.path)) }
        }
        let plan: Plan
        switch Reconciler.prepareApply(input, live: live, secrets: snapshot, saved: saved, guards: guards) {
        case .failed(let message):
            StandardError.write("error: \(message.displaySafe)\n")
            return .failure
        case .refused(let refusedPlan, let reasons):
            if let refusedPlan { show(refusedPlan) }
            for reason in reasons { StandardError.write("refused: \(reason.displaySafe)\n") }
            StandardError.write("Nothing was changed.\n")
            refusedResult(reasons)
            return .refused
        case .nothingToDo(let unchanged):
            show(unchanged)
            if format == .json {
                StandardOutput.write(ApplyJSONRenderer.render(ApplyReport(sites: []), command: "apply", secretsFile: session.store.path, newIDs: [:]))
            }
            return unchanged.hasErrors ? .failure : .success
        case .ready(let ready):
            plan = ready
        }
        show(plan)
        if plan.hasChanges,
           let refused = ApplySession.approval("Apply these \(plan.summary.changes) changes?", command: "apply", autoApprove: autoApprove,
                                               terminal: terminal, output: output) {
            refusedResult(["not approved"])
            return refused
        }
        let (report, newIDs) = await session.execute(plan, live: live, sinks: sinks, terminal: terminal, output: output)
        if format == .json {
            StandardOutput.write(ApplyJSONRenderer.render(report, command: "apply", secretsFile: session.store.path, newIDs: newIDs))
        }
        StepSummary.append({
            // The summary's words come from outside too (server messages); no fence may be closed early.
            PlanMarkdownRenderer.render(plan) + "\n```\n"
                + ApplySummary.render(report, secretsPath: session.store.path, handedOff: sinks.onSecret != nil).replacingOccurrences(of: "`", with: "'") + "\n```\n"
        }, enabled: !stepSummary.noStepSummary, wholeReport: "The whole run is in the job log.")
        return report.isSuccess && !plan.hasErrors ? .success : .failure
    }
}
