import ArgumentParser
import ZTAHooksCore
import ZTAHooksRuntime

struct SecretsExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write one webhook's secret to a file (mode 0600), for a receiver.",
        discussion: """
            The file holds the bare secret, without a line break. Never follows a link at FILE and \
            never overwrites without --force (which replaces FILE atomically). Exit codes: 0 \
            success; 1 no such entry, no secret known, no key for a sealed one, or FILE could not \
            be written; 3 refused, FILE exists; 64 bad usage.

            Examples:
              ztahooks secrets export site_abc123/ops-alerts --to receiver-secret.txt
            """
    )

    @Argument(help: ArgumentHelp("The entry: SITE/NAME, or SITE/ID.", valueName: "SITE/NAME"))
    var reference: String

    @Option(name: .customLong("to"), help: ArgumentHelp("The file to write.", valueName: "file"))
    var destination: String

    @Flag(help: "Replace FILE if it exists.")
    var force = false

    @OptionGroup var file: SecretsFileOptions

    func run() throws {
        let (secret, entry) = try SecretsEntryLookup.secret(reference, in: file.secrets.settings, sandbox: file.sandbox)
        switch SecretExportFile.write(Array(secret.utf8), to: destination, replace: force) {
        case .written:
            StandardError.write("Wrote the secret of \(entry.siteId.displaySafe)/\(entry.name.displaySafe) "
                + "(\(entry.id.displaySafe)) to \(destination.displaySafe), mode 0600.\n")
        case .exists:
            StandardError.write("refused: \(destination.displaySafe) exists; pass --force to replace it. Nothing was changed.\n")
            throw ExitCode(ExitStatus.refused.rawValue)
        case .failed(let reason):
            StandardError.write("error: could not write \(destination.displaySafe): \(reason)\n")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
    }
}
