import ArgumentParser
import ZTAHooksCore
import ZTAHooksRuntime

struct SecretsKeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Print a new secrets key: 32 random bytes in base64, and nothing else.",
        discussion: """
            Store it as a CI secret (ZTAHOOKS_SECRETS_KEY) or in a file only you can read \
            (--secrets-key-file). Losing it loses every sealed secret: rotate then re-creates them.

            Examples:
              ztahooks secrets keygen > secrets.key
            """
    )

    func run() throws {
        StandardOutput.write(SecretsKey.generate().base64 + "\n")
    }
}
