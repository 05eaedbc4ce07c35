import ArgumentParser
import Foundation
import ZTAHooksCore
import ZTAHooksRuntime

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
        let run = RotateRun(targets: targets.compactMap(Rotation.Target.init), paths: paths, autoApprove: autoApprove, format: format,
                            sinks: sinkOptions.settings)
        try await run.run(CommandContext(configFile: config.file, api: api.settings, secrets: secrets.settings))
    }
}
