import Foundation
import Logging
import ZTAClient
import ZTAHooksCore
import ZTASim

/// How a command reaches the API: what `--api-url`, `--token-file`, `--sandbox`, `--timeout` and
/// `--concurrency` say, with the project file's defaults.
public struct APISettings: Sendable {
    public var apiURL: String?
    public var tokenFile: String?
    public var sandbox: Bool
    public var timeout: Double
    public var concurrency: ConcurrencySetting?

    public init(apiURL: String? = nil, tokenFile: String? = nil, sandbox: Bool = false, timeout: Double = 10,
                concurrency: ConcurrencySetting? = nil) {
        self.apiURL = apiURL
        self.tokenFile = tokenFile
        self.sandbox = sandbox
        self.timeout = timeout
        self.concurrency = concurrency
    }

    /// Sites fetched or applied at once when neither `--concurrency` nor the project file says.
    public static let defaultConcurrency = ConcurrencySetting.auto

    /// The concurrency in effect: the flag, then the project file, then the default.
    public var sitesAtOnce: ConcurrencySetting { concurrency ?? Self.defaultConcurrency }

    /// These settings with the project file's `concurrency` where the flag was not given.
    public func defaulted(by project: ProjectFile?) -> APISettings {
        var settings = self
        if settings.concurrency == nil { settings.concurrency = project?.concurrency }
        return settings
    }

    /// The API this run reaches, as a secrets file records it (`APIOrigin`): `sandbox`, or the
    /// origin of `--api-url`, `ZTA_API_URL` or the default.
    public var origin: String {
        if sandbox { return APIOrigin.sandbox }
        let url = (try? ClientConfiguration.resolveBaseURL(apiURL: apiURL, environment: ProcessInfo.processInfo.environment))
            ?? ClientConfiguration.defaultBaseURL
        return APIOrigin.of(url) ?? url.absoluteString
    }

    /// Where the sandbox keeps its emulator state, beside the default secrets file.
    public static let sandboxStatePath = ".ztahooks/sandbox.json"

    /// Opens the API: the real one, or the emulator started in-process on a loopback port.
    /// The sandbox goes through the same HTTP client as production.
    public func connect() async throws -> APIConnection {
        let environment = ProcessInfo.processInfo.environment
        if sandbox {
            let server = try await Self.startSandbox()
            var configuration = try ClientConfiguration.resolve(apiURL: server.baseURL, tokenFile: nil, environment: [:], requireToken: false)
            configure(&configuration)
            return connection(configuration, environment: environment, server: server)
        }
        var configuration = try ClientConfiguration.resolve(apiURL: apiURL, tokenFile: tokenFile, environment: environment, requireToken: true)
        configure(&configuration)
        return connection(configuration, environment: environment, server: nil)
    }

    /// A client on `configuration` and the run's one limiter, which the client tells of every answer.
    private func connection(_ configuration: ClientConfiguration, environment: [String: String], server: SimServer?) -> APIConnection {
        let limiter = ConcurrencyLimiter(sitesAtOnce)
        let client = ZTAHTTPClient(configuration: configuration, logger: Self.logger(environment), limiter: limiter)
        return APIConnection(api: client, server: server, isSandbox: server != nil, limiter: limiter)
    }

    /// Starts the sandbox's emulator in-process on a free loopback port, its state in
    /// `sandboxStatePath`; `options` can set how it delivers events (`trigger --sandbox`).
    public static func startSandbox(_ options: SimOptions = SimOptions()) async throws -> SimServer {
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
        configuration.concurrency = sitesAtOnce.ceiling
    }
}

/// An open API, and the emulator behind it when running on the sandbox.
public struct APIConnection: Sendable {
    public let api: any WebhookAPI
    public let server: SimServer?
    public let isSandbox: Bool
    /// Sites at once for this run, shared by the pipeline and the client.
    public let limiter: ConcurrencyLimiter

    /// Closes the API, first saying on standard error if it limited the rate.
    public func close() async {
        if let note = limiter.report.note { StandardError.write(note + "\n") }
        await server?.stop()
    }
}
