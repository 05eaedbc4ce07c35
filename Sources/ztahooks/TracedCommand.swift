import ArgumentParser
import ZTAHooksRuntime
import ZTATraceExport

/// A command whose run is exported as a trace when `OTEL_EXPORTER_OTLP_ENDPOINT` is set.
protocol TracedCommand {
    /// The run span's command: `ztahooks plan` and so on.
    static var traceName: String { get }
}

extension PlanCommand: TracedCommand {
    static let traceName = "plan"
}

extension ApplyCommand: TracedCommand {
    static let traceName = "apply"
}

extension DriftCommand: TracedCommand {
    static let traceName = "drift"
}

extension ZTAHooksCommand {
    /// Runs a command, under `TraceExport` when it is one of the traced ones.
    static func run(_ command: inout any AsyncParsableCommand) async throws {
        guard let traced = command as? any TracedCommand else { return try await command.run() }
        try await TraceExport.run(command: type(of: traced).traceName, exitStatus: exitStatus) { try await command.run() }
    }

    /// The status `main` ends with for an error a command threw.
    static func exitStatus(_ error: any Error) -> Int32 {
        if let end = error as? CommandExit { return end.status.rawValue }
        return error is UsageError ? ExitStatus.usage.rawValue : ExitStatus.failure.rawValue
    }
}
