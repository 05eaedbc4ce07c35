import ArgumentParser
import ZTAHooksCore
import ZTAHooksRuntime

struct SecretsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the secrets file's entries: never a secret.",
        discussion: """
            One line per webhook: site, name, id, URL, events, created, adopted, handed off ("no" \
            while --on-secret has not taken the secret, else -), and whether its secret is sealed, \
            plain or none; then the API the file belongs to. With --retired, the retired entries \
            instead (webhooks deleted, or no longer listed by the API, whose secrets are kept for \
            retiredKeep, default 30d), with when and why. Works on a sealed file without the key. \
            Exit codes: 0 success; 1 the file could not be read.

            Examples:
              ztahooks secrets list
              ztahooks secrets list --retired
              ztahooks secrets list --format json
            """
    )

    @Option(help: ArgumentHelp("text or json.", valueName: "format"))
    var format: OutputFormat = .text

    @Flag(help: "List the retired entries (deleted or no longer listed webhooks) instead.")
    var retired = false

    @OptionGroup var file: SecretsFileOptions

    func run() throws {
        let inspection = try SecretsReader.inspect(file.secrets.settings, sandbox: file.sandbox)
        switch format {
        case .json: StandardOutput.write(SecretsListRenderer.json(inspection.snapshot, retired: retired))
        case .text: StandardOutput.write(SecretsListRenderer.text(inspection.snapshot, retired: retired, file: inspection.paths.file))
        }
    }
}
