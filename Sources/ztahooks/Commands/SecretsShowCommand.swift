import ArgumentParser
import Foundation
import ZTAHooksCore
import ZTAHooksRuntime

struct SecretsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one entry of the secrets file; with --reveal, print its secret alone.",
        discussion: """
            Without --reveal: the entry without its secret. With --reveal: the bare secret on \
            standard output, for a person or a pipe (opening a sealed one needs the key); in CI \
            (CI set) it warns first, since standard output usually lands in a log. Exit codes: 0 \
            success; 1 no such entry, no secret known, or no key for a sealed one; 64 bad usage.

            Examples:
              ztahooks secrets show site_abc123/ops-alerts
              ztahooks secrets show wh_abc123 --reveal
            """
    )

    @Argument(help: ArgumentHelp("The entry: SITE/NAME, or SITE/ID.", valueName: "SITE/NAME"))
    var reference: String

    @Flag(help: "Print the secret itself to standard output.")
    var reveal = false

    @OptionGroup var file: SecretsFileOptions

    func run() throws {
        if reveal {
            // GitHub Actions and GitLab set CI=true; other systems set 1 or True.
            if let ci = ProcessInfo.processInfo.environment["CI"], !ci.isEmpty, !["false", "0"].contains(ci.lowercased()) {
                StandardError.write("warning: CI is set: the secret goes to standard output, which a CI system usually keeps "
                    + "in its log; use `ztahooks secrets export \(reference.displaySafe) --to FILE` instead\n")
            }
            StandardOutput.write(try SecretsEntryLookup.secret(reference, in: file.secrets.settings, sandbox: file.sandbox).secret + "\n")
            return
        }
        let (entry, _) = try SecretsEntryLookup.entry(reference, in: file.secrets.settings, sandbox: file.sandbox)
        StandardOutput.write(SecretsEntryText.render(entry))
    }
}
