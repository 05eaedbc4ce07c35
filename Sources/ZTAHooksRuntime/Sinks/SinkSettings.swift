import Foundation
import ZTAHooksCore

/// The commands an apply hands secrets to: what `--on-secret`, `--on-delete` and
/// `--sink-timeout` say.
public struct SinkSettings: Sendable {
    public var onSecret: String?
    public var onDelete: String?
    public var sinkTimeout: String

    public init(onSecret: String? = nil, onDelete: String? = nil, sinkTimeout: String = "30s") {
        self.onSecret = onSecret
        self.onDelete = onDelete
        self.sinkTimeout = sinkTimeout
    }

    /// The sinks of this run: each flag, else the project file's key, else none. With `--sandbox`
    /// the project's sinks are not used, as its secrets file is not: they feed real receivers'
    /// stores, which emulator secrets must never reach.
    public func sinks(project: ProjectFile?, sandbox: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) -> SecretSinks {
        let project = sandbox ? nil : project
        let timeout = Duration.seconds((try? DurationText.seconds(sinkTimeout)) ?? 30)
        func sink(_ flag: String, _ text: String?, _ fallback: SinkCommand?) -> (any SecretSink)? {
            guard let command = text.flatMap({ try? SinkCommand(parsing: $0) }) ?? fallback else { return nil }
            return ProcessSecretSink(command: command, flag: flag, timeout: timeout, environment: environment)
        }
        return SecretSinks(onSecret: sink("--on-secret", onSecret, project?.onSecret),
                           onDelete: sink("--on-delete", onDelete, project?.onDelete))
    }
}
