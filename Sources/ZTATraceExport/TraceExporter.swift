import Logging
import OTel
import ServiceLifecycle
import Tracing

/// swift-otel's tracer and its batch processor and OTLP/HTTP exporter, running in the
/// background for the length of one run.
final class TraceExporter: Sendable {
    private let group: ServiceGroup
    private let running: Task<Void, Never>
    private let warning: WarningLine

    private init(group: ServiceGroup, warning: WarningLine) {
        self.group = group
        self.warning = warning
        self.running = Task { try? await group.run() }
    }

    /// Bootstraps the tracer from the environment (endpoint, protocol, headers, service name,
    /// sampler; our defaults below where it is silent) and starts exporting.
    static func start(warning: WarningLine) throws -> TraceExporter {
        let backend = try OTel.makeTracingBackend(configuration: configuration(warning: warning))
        InstrumentationSystem.bootstrap(backend.factory)
        let quiet = Logger(label: "ztahooks.trace-export") { _ in SwiftLogNoOpLogHandler() }
        let group = ServiceGroup(configuration: .init(services: [.init(service: backend.service)], logger: quiet))
        return TraceExporter(group: group, warning: warning)
    }

    /// Traces only: swift-otel's logs and metrics would take over the process's logging and
    /// metrics systems. Timeouts short enough for a command line; a queue deep enough that a
    /// run of thousands of sites drops no span between two batches.
    static func configuration(warning: WarningLine) -> OTel.Configuration {
        var configuration = OTel.Configuration.default
        configuration.serviceName = "ztahooks"
        configuration.logs.enabled = false
        configuration.metrics.enabled = false
        configuration.diagnosticLogger = .custom(Logger(label: "ztahooks.trace-export") { _ in WarningLogHandler(line: warning) })
        configuration.diagnosticLogLevel = .warning
        configuration.traces.otlpExporter.timeout = TraceExport.flushLimit
        configuration.traces.batchSpanProcessor.exportTimeout = TraceExport.flushLimit
        configuration.traces.batchSpanProcessor.maxQueueSize = 16_384
        configuration.traces.batchSpanProcessor.maxExportBatchSize = 2_048
        return configuration
    }

    /// Flushes what is queued and stops, or gives up after `limit` with one warning: the run's
    /// exit must not wait on a collector that does not answer.
    func finish(within limit: Duration) async {
        await group.triggerGracefulShutdown()
        let (ends, end) = AsyncStream.makeStream(of: Bool.self)
        let running = running
        let flushed = Task {
            await running.value
            end.yield(true)
        }
        let timer = Task {
            try? await Task.sleep(for: limit)
            end.yield(false)
        }
        var finished = false
        for await first in ends {
            finished = first
            break
        }
        timer.cancel()
        if !finished {
            flushed.cancel()
            running.cancel()
            warning.say("the collector did not take the spans within \(limit.components.seconds) s")
        }
    }
}
