import ArgumentParser
import Foundation
import ZTAClient
import ZTAHooksCore
import ZTAHooksRuntime

/// `ztahooks secrets rebind`: moves a secrets file to another API on purpose.
struct SecretsRebindCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebind",
        abstract: "Make the secrets file belong to another API (its `api` field), on purpose.",
        discussion: """
            A secrets file records the API it was first written against, and every command that \
            reaches an API refuses another one (exit 3), so that an API answering for the wrong \
            account cannot make its secrets look gone. When the API really moved (a new URL, a \
            proxy in front of it), rebind says so. API is an https:// URL (http:// for loopback \
            only), or `sandbox` for the embedded emulator. Takes the lock and folds any journal \
            first; every entry, retired ones and sealed values included, stays as it is. Exit \
            codes: 0 done; 1 no such file, or it could not be written; 3 another run holds the \
            lock; 64 bad usage.

            Examples:
              ztahooks secrets rebind https://eu.ztas.io
              ztahooks secrets rebind sandbox --secrets-file .ztahooks/try.json
            """
    )

    @Argument(help: ArgumentHelp("The API the file belongs to from now on: a URL, or `sandbox`.", valueName: "api"))
    var api: String

    @OptionGroup var file: SecretsFileOptions

    func validate() throws {
        _ = try origin()
    }

    /// The origin to record: `sandbox`, or the URL checked as `--api-url` is.
    private func origin() throws -> String {
        if api == APIOrigin.sandbox { return APIOrigin.sandbox }
        do {
            let url = try ClientConfiguration.resolveBaseURL(apiURL: api, environment: [:])
            guard let origin = APIOrigin.of(url) else { throw ValidationError("'\(api.displaySafe)' is not an absolute URL") }
            return origin
        } catch let error as APIError {
            throw ValidationError(error.message.replacingOccurrences(of: "--api-url", with: "API"))
        }
    }

    func run() async throws {
        let secrets = file.secrets.settings
        let path = try secrets.path(sandbox: file.sandbox)
        let origin = try origin()
        guard FileManager.default.fileExists(atPath: path) || FileManager.default.fileExists(atPath: path + ".journal") else {
            StandardError.write("error: no secrets file at \(path.displaySafe): nothing to rebind (a new file belongs to the API of the first run that writes it)\n")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
        do throws(SecretsStoreError) {
            let previous = try await SecretsStore.rebind(path: path, to: origin, lockTimeout: secrets.lockWait)
            if previous == origin {
                StandardOutput.write("\(path.displaySafe) already belongs to \(APIOrigin.describe(origin)); nothing changed.\n")
            } else {
                StandardOutput.write("\(path.displaySafe) now belongs to \(APIOrigin.describe(origin))"
                    + (previous.map { " (it belonged to \(APIOrigin.describe($0).displaySafe))" } ?? "") + ".\n")
            }
        } catch {
            throw error.reported()
        }
    }
}
