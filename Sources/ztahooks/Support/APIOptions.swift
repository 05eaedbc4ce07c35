import ArgumentParser
import Foundation
import Logging
import ZTAClient
import ZTAHooksCore
import ZTASim

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

    @Option(help: ArgumentHelp("Sites fetched or applied at once (default 8, or concurrency in ztahooks.yaml).", valueName: "n"))
    var concurrency: Int?

    func validate() throws {
        guard timeout > 0, timeout <= 600 else { throw ValidationError("--timeout must be between 0 and 600 seconds") }
        if let concurrency, !ProjectFormat.concurrencyRange.contains(concurrency) { throw ValidationError("--concurrency must be between 1 and 256") }
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

    /// The API this run reaches, as a secrets file records it (`APIOrigin`): `sandbox`, or the
    /// origin of `--api-url`, `ZTA_API_URL` or the default.
    var origin: String {
        if sandbox { return APIOrigin.sandbox }
        let url = (try? ClientConfiguration.resolveBaseURL(apiURL: apiURL, environment: ProcessInfo.processInfo.environment))
            ?? ClientConfiguration.defaultBaseURL
        return APIOrigin.of(url) ?? url.absoluteString
    }

    /// These options as command-line arguments, for a command run on another's behalf (`init --import`).
    var arguments: [String] {
        var arguments: [String] = []
        if sandbox { arguments.append("--sandbox") }
        if let apiURL { arguments += ["--api-url", apiURL] }
        if let tokenFile { arguments += ["--token-file", tokenFile] }
        if let concurrency { arguments += ["--concurrency", String(concurrency)] }
        return arguments + ["--timeout", String(timeout)]
    }

    /// Where the sandbox keeps its emulator state, beside the default secrets file.
    static let sandboxStatePath = ".ztahooks/sandbox.json"

    /// Opens the API: the real one, or the emulator started in-process on a loopback port.
    /// The sandbox goes through the same HTTP client as production.
    func connect() async throws -> APIConnection {
        let environment = ProcessInfo.processInfo.environment
        if sandbox {
            let server = try await Self.startSandbox()
            var configuration = try ClientConfiguration.resolve(apiURL: server.baseURL, tokenFile: nil, environment: [:], requireToken: false)
            configure(&configuration)
            return APIConnection(api: ZTAHTTPClient(configuration: configuration, logger: Self.logger(environment)), server: server, isSandbox: true)
        }
        var configuration = try ClientConfiguration.resolve(apiURL: apiURL, tokenFile: tokenFile, environment: environment, requireToken: true)
        configure(&configuration)
        return APIConnection(api: ZTAHTTPClient(configuration: configuration, logger: Self.logger(environment)), server: nil, isSandbox: false)
    }

    /// Starts the sandbox's emulator in-process on a free loopback port, its state in
    /// `sandboxStatePath`; `options` can set how it delivers events (`trigger --sandbox`).
    static func startSandbox(_ options: SimOptions = SimOptions()) async throws -> SimServer {
        try FileManager.default.createDirectory(atPath: ".ztahooks", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var options = options
        options.tokens = nil
        options.statePath = sandboxStatePath
        return try await SimServer.start(host: "127.0.0.1", port: 0, options: options)
    }

    /// Request logs on standard error at `ZTAHOOKS_LOG_LEVEL` (`debug` shows every request:
    /// method, path, status, duration — never a token, a secret or a body). Default: warnings.
    static func logger(_ environment: [String: String]) -> Logger {
        var logger = Logger(label: "ztahooks.client") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = environment["ZTAHOOKS_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .warning
        return logger
    }

    private func configure(_ configuration: inout ClientConfiguration) {
        configuration.timeout = .milliseconds(Int(timeout * 1000))
        configuration.concurrency = sitesAtOnce
    }
}

/// An open API, and the emulator behind it when running on the sandbox.
struct APIConnection: Sendable {
    let api: any WebhookAPI
    let server: SimServer?
    let isSandbox: Bool

    func close() async {
        await server?.stop()
    }
}
