import ArgumentParser
import Foundation
import ZTAHooksCore

struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Carry out the plan: create, replace and delete webhooks, saving every secret.",
        discussion: """
            Exit codes: 0 done; 1 invalid files, an API failure, or an action that failed (the others \
            still ran); 3 refused and nothing changed (a guard tripped, no approval, or a saved plan \
            that no longer matches live state).
            """
    )

    @Argument(help: "Site files or directories. Default: the current directory.")
    var paths: [String] = []

    @Option(name: .customLong("plan"), help: "Execute this saved plan (from `plan --out`) instead of planning anew.")
    var planFile: String?

    @Flag(name: .customLong("auto-approve"), help: "Do not ask; required when standard input is not a terminal.")
    var autoApprove = false

    @Option(name: .customLong("max-deletes"), help: "Refuse a run that deletes more webhooks than this.")
    var maxDeletes: Int = ApplyGuards.defaultMaxDeletes

    @Flag(name: .customLong("allow-empty"), help: "Let a site file with no webhooks delete all of its site's live webhooks.")
    var allowEmpty = false

    @Option(name: .customLong("site"), help: "Apply only this site (repeatable).")
    var siteIDs: [String] = []

    @OptionGroup var api: APIOptions
    @OptionGroup var secrets: SecretsOptions

    func validate() throws {
        guard maxDeletes >= 0 else { throw ValidationError("--max-deletes must be 0 or more") }
    }

    func run() async throws {
        let terminal = Terminal.current()
        let input = try SiteInput.load(paths: paths, only: siteIDs, terminal: terminal)
        if input.hasErrors {
            StandardError.write("error: the site files have errors (above); fix them first. Nothing was changed.\n")
            throw ExitCode(1)
        }
        let session = try await ApplySession.open(secretsPath: secrets.path(sandbox: api.sandbox), api: api)
        let exit = await execute(input: input, session: session, terminal: terminal)
        await session.close()
        if exit != 0 { throw ExitCode(exit) }
    }

    private func execute(input: SiteInput, session: ApplySession, terminal: Terminal) async -> Int32 {
        let snapshot = await session.store.snapshot
        guard let fetched = try? await LiveState.fetch(input.sites, api: session.connection.api, concurrency: api.concurrency) else { return 1 }
        let plan: Plan
        if let planFile {
            switch SavedPlanCheck.load(planFile, checksum: input.checksum, live: fetched, sites: input.sites) {
            case .success(let saved): plan = saved
            case .failure(let refusal):
                StandardError.write("error: \(refusal.message.displaySafe)\n")
                return refusal.exitCode
            }
        } else {
            plan = Planner.plan(sites: input.sites, live: fetched, secrets: snapshot, sourceChecksum: input.checksum)
        }
        StandardOutput.write(PlanTextRenderer.render(plan, style: Style(enabled: terminal.colorOnStdout)))
        plan.reportFailedSites()

        let violations = ApplyGuards(maxDeletes: maxDeletes, allowEmpty: allowEmpty).violations(of: plan, sites: input.sites)
        if !violations.isEmpty {
            for violation in violations { StandardError.write("refused: \(violation.displaySafe)\n") }
            StandardError.write("Nothing was changed.\n")
            return 3
        }
        let pending = !snapshot.unresolvedIntents.isEmpty
        guard plan.hasChanges || pending else { return plan.hasErrors ? 1 : 0 }
        if plan.hasChanges,
           let refused = ApplySession.approval("Apply these \(plan.summary.changes) changes?", command: "apply", autoApprove: autoApprove, terminal: terminal) {
            return refused
        }
        let report = await session.execute(plan, live: fetched, terminal: terminal, concurrency: api.concurrency)
        return report.isSuccess && !plan.hasErrors ? 0 : 1
    }
}
