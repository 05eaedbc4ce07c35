import Foundation

/// Whether the environment asks for a trace, by the standard OpenTelemetry variables.
///
/// On when `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set and
/// `OTEL_TRACES_EXPORTER` is unset or `otlp`; `none` (or any exporter other than OTLP) and
/// `OTEL_SDK_DISABLED=true` turn it off. Everything else (protocol, headers, timeout, service
/// name, sampler) swift-otel reads from the same environment.
public struct TraceSettings: Sendable, Equatable {
    public static let endpointVariables = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]

    /// Nil when no trace is asked for: then nothing is bootstrapped and spans cost nothing.
    public init?(environment: [String: String]) {
        guard Self.endpointVariables.contains(where: { !(environment[$0] ?? "").isEmpty }) else { return nil }
        let exporter = (environment["OTEL_TRACES_EXPORTER"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        guard exporter.isEmpty || exporter == "otlp" else { return nil }
        guard (environment["OTEL_SDK_DISABLED"] ?? "").lowercased() != "true" else { return nil }
        protocolVariable = Self.protocolVariables.first { !(environment[$0] ?? "").isEmpty }
        protocolName = protocolVariable.flatMap { environment[$0] }?.lowercased() ?? "http/protobuf"
    }

    public static let protocolVariables = ["OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL"]
    /// The variable that chose the protocol, if any; swift-otel reads the traces one first.
    public private(set) var protocolVariable: String?
    public private(set) var protocolName: String

    /// Why the asked protocol cannot be used, or nil: swift-otel stops the process on a protocol
    /// whose trait is not built (gRPC), so it is refused here first.
    public var unsupportedProtocol: String? {
        guard !["http/protobuf", "http/json"].contains(protocolName) else { return nil }
        return "\(protocolVariable ?? "the protocol")=\(protocolName) is not built in; use http/protobuf or http/json"
    }
}
