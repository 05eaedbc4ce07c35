import ArgumentParser
import ZTAHooksCore
import ZTAHooksRuntime

struct SecretsRekeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rekey",
        abstract: "Re-seal every secret under a new key, in one atomic replace of the file.",
        discussion: """
            The current key comes from ZTAHOOKS_SECRETS_KEY or --secrets-key-file (none for a \
            plain-text file, which rekey then seals); the new one from --new-key-file or \
            ZTAHOOKS_NEW_SECRETS_KEY. Takes the lock and folds any journal first. A value that does \
            not open changes nothing. Exit codes: 0 done; 1 nothing changed (a wrong key, a value \
            that does not open, a disk error); 3 refused, another run holds the lock; 64 bad usage.

            Examples:
              ztahooks secrets rekey --new-key-file new.key
            """
    )

    @Option(name: .customLong("new-key-file"), help: ArgumentHelp("A file holding the new key (env ZTAHOOKS_NEW_SECRETS_KEY).", valueName: "file"))
    var newKeyFile: String?

    @OptionGroup var file: SecretsFileOptions

    func run() async throws {
        let secrets = file.secrets.settings
        guard let newKey = try SecretsKeySource.load(file: newKeyFile, flag: "--new-key-file", variable: "ZTAHOOKS_NEW_SECRETS_KEY") else {
            StandardError.write("error: no new key: pass --new-key-file FILE or set ZTAHOOKS_NEW_SECRETS_KEY (make one with `ztahooks secrets keygen`)\n")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        let oldKey = try secrets.key()
        if oldKey?.id == newKey.id {
            StandardError.write("error: the new key is the current key (key \(newKey.id)); make a new one with `ztahooks secrets keygen`\n")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        let path = try secrets.path(sandbox: file.sandbox)
        do throws(SecretsStoreError) {
            let count = try await SecretsStore.rekey(path: path, from: oldKey, to: newKey, lockTimeout: secrets.lockWait)
            StandardOutput.write("Sealed \(count) secret\(count == 1 ? "" : "s") in \(path.displaySafe) with key \(newKey.id)"
                + (oldKey.map { " (was key \($0.id))" } ?? "") + ". Give CI the new key before the next run.\n")
        } catch {
            throw error.reported()
        }
    }
}
