import Foundation
import Logging
import OTel
import ServiceLifecycle
import Tracing

/// The run of `plan`, `apply` or `drift` as an OpenTelemetry trace, exported over OTLP/HTTP.
///
/// With `TraceSettings` off (no endpoint in the environment) the run is only called: nothing is
/// bootstrapped, the tracer stays the no-op one and the core's spans cost a type check each.
/// Otherwise swift-otel's tracer is bootstrapped, the run is the root span `ztahooks COMMAND`,
/// and its spans are flushed before the process ends, waiting at most `flushLimit`: a collector
/// that is down or silent costs at most that, one warning line, and never the exit status.
public enum TraceExport {
    /// How long the end of a run waits for its spans to be sent.
    public static let flushLimit: Duration = .seconds(2)

    /// Runs `body` as the root span of `command`'s trace when the environment asks for one.
    ///
    /// - Parameter exitStatus: the status an error thrown by `body` ends the process with, for
    ///   the span's `ztahooks.exit_status` (a run that ends with status 2, changes found, is no error).
    public static func run(
        command: String,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        exitStatus: (any Error) -> Int32,
        isolation: isolated (any Actor)? = #isolation,
        _ body: () async throws -> Void
    ) async throws {
        guard let settings = TraceSettings(environment: environment) else { return try await body() }
        let warning = WarningLine()
        if let unsupported = settings.unsupportedProtocol {
            warning.say(unsupported)
            return try await body()
        }
        let exporter: TraceExporter
        do {
            exporter = try TraceExporter.start(warning: warning)
        } catch {
            warning.say("\(error)")
            return try await body()
        }
        let span = InstrumentationSystem.tracer.startSpan("ztahooks \(command)", context: .topLevel)
        span.attributes[TraceAttributeName.command] = command
        var failure: (any Error)?
        do {
            try await InstrumentationContext.withValue(span.context) { try await body() }
        } catch {
            failure = error
        }
        let status = failure.map(exitStatus) ?? 0
        span.attributes[TraceAttributeName.exitStatus] = Int(status)
        if status != 0, status != 2 { span.setStatus(SpanStatus(code: .error)) }
        span.end()
        await exporter.finish(within: flushLimit)
        if let failure { throw failure }
    }
}

/// The attribute names of the run's span; the core's `TraceAttribute` has the same, and this
/// target stays free of the core.
enum TraceAttributeName {
    static let command = "ztahooks.command"
    static let exitStatus = "ztahooks.exit_status"
}
