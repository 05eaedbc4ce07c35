import ArgumentParser
import Foundation
import ZTAHooksCore

struct RotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Replace webhooks to mint new secrets (create first, then delete).",
        usage: "ztahooks rotate <site/name> ... [<path> ...] [<options>]",
        discussion: """
            The API cannot change a secret: rotating re-creates the webhook. While both exist, ZTA \
            delivers to both; receivers that look secrets up by X-ZTA-Webhook-ID verify either.

            Site files are searched for in the current directory, or in the paths given after the \
            webhooks, as `plan PATH...` takes them (`--path PATH` also works). An argument that is \
            not SITE/NAME (NAME a webhook name: lowercase letters, digits, '-') is a path, such as \
            sites/, ./sites or sites/shop.yaml; one that is both (an existing directory sites/shop) \
            is refused as ambiguous: write it sites/shop/ or pass it with --path.

            Examples:
              ztahooks rotate site_abc123/ops-alerts --auto-approve
              ztahooks rotate site_abc123/ops-alerts site_abc123/billing sites/
              ztahooks rotate site_abc123/ops-alerts --format json --auto-approve > rotated.json

            Exit codes: 0 done; 1 invalid files, an unknown webhook or a failed action; 3 not approved; \
            130/143 stopped by SIGINT/SIGTERM.
            """
    )

    @Argument(help: ArgumentHelp("Webhooks to rotate as SITE/NAME, then site files or directories (default: the current directory).",
                                 valueName: "site/name-or-path"))
    var arguments: [String]

    @Option(name: .customLong("path"), help: ArgumentHelp("Site files or directories (repeatable), as the paths after the webhooks.", valueName: "path"))
    var optionPaths: [String] = []

    @Option(help: ArgumentHelp("text, or json: the result for scripts on standard output (the plan and progress go to standard error).",
                               valueName: "format"))
    var format: ResultFormat = .text

    var paths: [String] { optionPaths + arguments.filter { Rotation.Target($0) == nil } }
    var targets: [String] { arguments.filter { Rotation.Target($0) != nil } }

    @Flag(name: .customLong("auto-approve"), help: "Do not ask; required when standard input is not a terminal.")
    var autoApprove = false

    @OptionGroup var config: ProjectOptions
    @OptionGroup var api: APIOptions
    @OptionGroup var secrets: SecretsOptions
    @OptionGroup var sinkOptions: SinkOptions

    func validate() throws {
        guard !targets.isEmpty else {
            throw ValidationError("name at least one webhook as SITE/NAME (for example site_abc123/ops-alerts)")
        }
        for target in targets where FileManager.default.fileExists(atPath: target) {
            throw ValidationError("'\(target)' is both SITE/NAME and a path on disk: write it as '\(target)/' or pass it with --path")
        }
    }

    func run() async throws {
        let terminal = Terminal.current()
        let wanted = targets.compactMap(Rotation.Target.init)
        let project = config.load()
        let api = self.api.defaulted(by: project.project)
        let secrets = self.secrets.defaulted(by: project.project, sandbox: api.sandbox)
        let input = try await SiteInput.load(paths: paths, only: Array(Set(wanted.map(\.site))), project: project, terminal: terminal)
        if input.hasErrors {
            StandardError.write("error: the site files have errors (above); fix them first. Nothing was changed.\n")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
        let sinks = sinkOptions.sinks(project: project.project, sandbox: api.sandbox)
        try await ApplySession.run(secrets: secrets, api: api, project: project.project) { session in
            await execute(wanted, input: input, sinks: sinks, session: session, terminal: terminal)
        }
    }

    private func execute(_ wanted: [Rotation.Target], input: SiteSet, sinks: SecretSinks, session: ApplySession, terminal: Terminal) async -> ExitStatus {
        guard let live = try? await LiveState.observe(input.sites, reconciler: session.reconciler) else { return .failure }
        let plan: Plan
        switch Reconciler.prepareRotation(wanted, input: input, live: live, secrets: await session.store.snapshot) {
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
