import ArgumentParser
import Foundation
import ZTAClient
import ZTAHooksCore
import ZTAHooksRuntime

/// Flags shared by every command that reaches the API.
struct APIOptions: ParsableArguments {
    @Option(name: .customLong("api-url"), help: ArgumentHelp("The ZTA API (env ZTA_API_URL; default https://ztas.io). http:// only for loopback.", valueName: "url"))
    var apiURL: String?

    @Option(name: .customLong("token-file"), help: ArgumentHelp("Read the API token from this file instead of ZTA_API_TOKEN.", valueName: "file"))
    var tokenFile: String?

    @Flag(help: "Use the embedded ZTA API emulator (state in .ztahooks/sandbox.json); no account or token needed.")
    var sandbox = false

    @Option(help: ArgumentHelp("Seconds before a request is abandoned (connect and whole request).", valueName: "seconds"))
    var timeout: Double = 10

    @Option(help: ArgumentHelp("Sites fetched or applied at once, 1 to 256, or auto: start at 16, grow while answers stay fast, halve on 429 or 503 (default auto, or concurrency in ztahooks.yaml).", valueName: "n|auto"))
    var concurrency: ConcurrencySetting?

    func validate() throws {
        guard timeout > 0, timeout <= 600 else { throw ValidationError("--timeout must be between 0 and 600 seconds") }
        if sandbox, apiURL != nil { throw ValidationError("--sandbox and --api-url cannot be used together") }
        if !sandbox {
            // A bad API URL or port is bad usage (exit 64), reported before anything is read.
            do {
                _ = try ClientConfiguration.resolveBaseURL(apiURL: apiURL, environment: ProcessInfo.processInfo.environment)
            } catch {
                throw ValidationError(error.message)
            }
        }
    }

    var settings: APISettings {
        APISettings(apiURL: apiURL, tokenFile: tokenFile, sandbox: sandbox, timeout: timeout, concurrency: concurrency)
    }
}
