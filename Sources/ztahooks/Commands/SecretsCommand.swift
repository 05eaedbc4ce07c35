import ArgumentParser

/// `ztahooks secrets`: the secrets file's key and contents, for a person. Nothing here talks to the API.
struct SecretsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secrets",
        abstract: "Look into the secrets file, manage the key that seals it, and the API it belongs to.",
        discussion: """
            list, show and export read the file and its journal without the lock; rekey and rebind \
            take the lock. Only `show --reveal` and `export` ever output a secret.

            Examples:
              ztahooks secrets list
              ztahooks secrets show site_abc123/ops-alerts
            """,
        subcommands: [
            SecretsKeygenCommand.self,
            SecretsRekeyCommand.self,
            SecretsListCommand.self,
            SecretsShowCommand.self,
            SecretsExportCommand.self,
            SecretsRebindCommand.self,
        ]
    )
}

/// Which secrets file a `secrets` subcommand reads: the same flags as apply, and `--sandbox`
/// for the sandbox's own file.
struct SecretsFileOptions: ParsableArguments {
    @Flag(help: "Use the sandbox's secrets file (.ztahooks/sandbox-secrets.json).")
    var sandbox = false

    @OptionGroup var secrets: SecretsOptions
}
