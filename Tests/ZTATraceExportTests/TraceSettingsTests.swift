import Foundation
import Testing
@testable import ZTATraceExport

/// When the environment asks for a trace, and the one warning a run may print about it.
struct TraceSettingsTests {
    static let endpoint = ["OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318"]

    @Test func anEndpointTurnsTracesOnAndNothingElseDoes() {
        #expect(TraceSettings(environment: [:]) == nil)
        #expect(TraceSettings(environment: ["OTEL_EXPORTER_OTLP_ENDPOINT": ""]) == nil)
        #expect(TraceSettings(environment: ["OTEL_TRACES_EXPORTER": "otlp"]) == nil)
        #expect(TraceSettings(environment: Self.endpoint) != nil)
        #expect(TraceSettings(environment: ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://127.0.0.1:4318/v1/traces"]) != nil)
        #expect(TraceSettings(environment: Self.endpoint.merging(["OTEL_TRACES_EXPORTER": "otlp"]) { $1 }) != nil)
    }

    @Test(arguments: [["OTEL_TRACES_EXPORTER": "none"], ["OTEL_TRACES_EXPORTER": "console"], ["OTEL_SDK_DISABLED": "true"]])
    func noneAnotherExporterOrADisabledSDKTurnThemOff(_ off: [String: String]) {
        #expect(TraceSettings(environment: Self.endpoint.merging(off) { $1 }) == nil)
    }

    @Test func gRPCIsRefusedBeforeSwiftOTelCouldStopTheProcess() throws {
        let grpc = try #require(TraceSettings(environment: Self.endpoint.merging(["OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"]) { $1 }))
        #expect(grpc.unsupportedProtocol == "OTEL_EXPORTER_OTLP_PROTOCOL=grpc is not built in; use http/protobuf or http/json")
        let json = try #require(TraceSettings(environment: Self.endpoint.merging(["OTEL_EXPORTER_OTLP_TRACES_PROTOCOL": "http/json"]) { $1 }))
        #expect(json.unsupportedProtocol == nil)
        #expect(TraceSettings(environment: Self.endpoint)?.unsupportedProtocol == nil)
    }

    @Test func aRunWarnsOnceHoweverManyBatchesFail() {
        let written = Written()
        let line = WarningLine { written.append($0) }
        line.say("first")
        line.say("second")
        #expect(written.lines == ["warning: the trace was not exported: first\n"])
    }
}

final class Written: @unchecked Sendable {
    private let lock = NSLock()
    private var all: [String] = []
    var lines: [String] { lock.withLock { all } }
    func append(_ line: String) { lock.withLock { all.append(line) } }
}
