import ArgumentParser
import Foundation
import ZTAHooksCore

struct RotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Replace webhooks to mint new secrets (create first, then delete).",
        discussion: """
            The API cannot change a secret: rotating re-creates the webhook. While both exist, ZTA \
            delivers to both; receivers that look secrets up by X-ZTA-Webhook-ID verify either.
            """
    )

    @Argument(help: "Webhooks to rotate, as SITE/NAME.")
    var targets: [String]

    @Option(name: .customLong("path"), help: "Site files or directories (repeatable). Default: the current directory.")
    var paths: [String] = []

    @Flag(name: .customLong("auto-approve"), help: "Do not ask; required when standard input is not a terminal.")
    var autoApprove = false

    @OptionGroup var config: ProjectOptions
    @OptionGroup var api: APIOptions
    @OptionGroup var secrets: SecretsOptions
    @OptionGroup var sinkOptions: SinkOptions

    func validate() throws {
        guard !targets.isEmpty else { throw ValidationError("name at least one webhook as SITE/NAME") }
        for target in targets where Rotation.Target(target) == nil {
            throw ValidationError("'\(target)' is not SITE/NAME (for example site_abc123/ops-alerts)")
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
        try await ApplySession.run(secrets: secrets, api: api) { session in
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
        StandardOutput.write(PlanTextRenderer.render(plan, style: Style(enabled: terminal.colorOnStdout)))
        if let refused = ApplySession.approval("Rotate these \(plan.summary.replace) webhooks?", command: "rotate", autoApprove: autoApprove, terminal: terminal) {
            return refused
        }
        let report = await session.execute(plan, live: live, sinks: sinks, terminal: terminal)
        let rotated = report.sites.flatMap { site in site.succeeded.map { "\(site.siteId)/\($0.displayName)".displaySafe } }
        if !rotated.isEmpty, sinks.onSecret == nil {
            StandardOutput.write("Receivers of \(rotated.joined(separator: ", ")) need the new secret from \(session.store.path) "
                + "(look it up by the delivery's X-ZTA-Webhook-ID).\n")
        }
        return report.isSuccess ? .success : .failure
    }
}
