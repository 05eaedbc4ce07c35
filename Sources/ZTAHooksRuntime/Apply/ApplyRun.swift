import Foundation
import ZTAHooksCore

/// `ztahooks apply`: plans (or reads a saved plan), asks, carries the plan out and reports.
public struct ApplyRun: Sendable {
    public var paths: [String]
    /// A plan saved by `plan --out`, executed instead of planning anew.
    public var planFile: String?
    public var autoApprove: Bool
    public var format: ResultFormat
    public var maxDeletes: Int?
    public var allowEmpty: Bool
    public var siteIDs: [String]
    public var writesStepSummary: Bool
    public var sinks: SinkSettings
    /// Only the site files changed since this git revision (`--changed-since`); not with a saved plan.
    public var changedSince: String?

    public init(paths: [String], planFile: String?, autoApprove: Bool, format: ResultFormat, maxDeletes: Int?, allowEmpty: Bool,
                siteIDs: [String], writesStepSummary: Bool, sinks: SinkSettings) {
        self.paths = paths
        self.planFile = planFile
        self.autoApprove = autoApprove
        self.format = format
        self.maxDeletes = maxDeletes
        self.allowEmpty = allowEmpty
        self.siteIDs = siteIDs
        self.writesStepSummary = writesStepSummary
        self.sinks = sinks
    }

    /// Ends by exiting with the status that tells the truth about the run and its secrets.
    public func run(_ context: CommandContext) async throws {
        let terminal = context.terminal
        let project = context.project
        let saved = try planFile.map(SavedPlanFile.read)
        var paths = self.paths
        if paths.isEmpty, let source = saved?.plan.source {
            // The site files the plan was made from, wherever this runs in the checkout.
            let cwd = FileManager.default.currentDirectoryPath
            paths = source.resolved(cwd: cwd, root: SourceRoot.find(cwd: cwd, projectPath: project.project?.path, in: LocalFileSource()))
        }
        if changedSince != nil, saved != nil {
            throw UsageError("--changed-since goes with a fresh plan: a saved plan already names the site files it covers")
        }
        let input = try await SiteInput.load(paths: paths, only: siteIDs, project: project, terminal: terminal, changedSince: changedSince)
        let maxDeletes = maxDeletes ?? project.project?.maxDeletes ?? ApplyGuards.defaultMaxDeletes
        if input.hasErrors {
            StandardError.write("error: the site files have errors (above); fix them first. Nothing was changed.\n")
            throw CommandExit(.failure)
        }
        let sinks = self.sinks.sinks(project: project.project, sandbox: context.api.sandbox)
        try await ApplySession.run(secrets: context.secrets, api: context.api, project: project.project) { session in
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
        }, enabled: writesStepSummary, wholeReport: "The whole run is in the job log.")
        return report.isSuccess && !plan.hasErrors ? .success : .failure
    }
}

/// `ztahooks rotate`: replaces the named webhooks (create first, then delete) to mint new secrets.
public struct RotateRun: Sendable {
    public var targets: [Rotation.Target]
    public var paths: [String]
    public var autoApprove: Bool
    public var format: ResultFormat
    public var sinks: SinkSettings

    public init(targets: [Rotation.Target], paths: [String], autoApprove: Bool, format: ResultFormat, sinks: SinkSettings) {
        self.targets = targets
        self.paths = paths
        self.autoApprove = autoApprove
        self.format = format
        self.sinks = sinks
    }

    public func run(_ context: CommandContext) async throws {
        let terminal = context.terminal
        let input = try await SiteInput.load(paths: paths, only: Array(Set(targets.map(\.site))), project: context.project, terminal: terminal)
        if input.hasErrors {
            StandardError.write("error: the site files have errors (above); fix them first. Nothing was changed.\n")
            throw CommandExit(.failure)
        }
        let sinks = self.sinks.sinks(project: context.project.project, sandbox: context.api.sandbox)
        try await ApplySession.run(secrets: context.secrets, api: context.api, project: context.project.project) { session in
            await execute(input: input, sinks: sinks, session: session, terminal: terminal)
        }
    }

    private func execute(input: SiteSet, sinks: SecretSinks, session: ApplySession, terminal: Terminal) async -> ExitStatus {
        guard let live = try? await LiveState.observe(input.sites, reconciler: session.reconciler) else { return .failure }
        let plan: Plan
        switch Reconciler.prepareRotation(targets, input: input, live: live, secrets: await session.store.snapshot) {
        case .success(let rotation): plan = rotation
        case .failure(let error):
            StandardError.write("error: \(error.message.displaySafe). Nothing was changed.\n")
            return .failure
        }
        let output = HumanOutput(machineFormat: format == .json)
        output.write(PlanTextRenderer.render(plan, style: output.style(terminal)))
        if let refused = ApplySession.approval("Rotate these \(plan.summary.replace) webhooks?", command: "rotate", autoApprove: autoApprove,
                                               terminal: terminal, output: output) {
            if format == .json { StandardOutput.write(ApplyJSONRenderer.refused(["not approved"], command: "rotate", secretsFile: session.store.path)) }
            return refused
        }
        // The receivers that need their new secret are named by the summary, as apply's are.
        let (report, newIDs) = await session.execute(plan, live: live, sinks: sinks, terminal: terminal, output: output)
        if format == .json {
            StandardOutput.write(ApplyJSONRenderer.render(report, command: "rotate", secretsFile: session.store.path, newIDs: newIDs))
        }
        return report.isSuccess ? .success : .failure
    }
}
