import Logging

/// swift-otel's diagnostic logger: its warnings and errors (a batch that could not be sent)
/// become the run's one warning line; its informational lines are dropped.
struct WarningLogHandler: LogHandler {
    let line: WarningLine
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .warning

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        guard event.level >= .warning else { return }
        let error = event.error.map { "\($0)" } ?? event.metadata?["error"].map { "\($0)" }
        line.say("the collector did not take the spans (\(event.message)\(error.map { " \($0)" } ?? ""))")
    }
}
