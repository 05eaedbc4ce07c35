import ZTAHooksCore

/// Where the words for people go: standard output, or standard error when standard output
/// carries a machine format (`apply --format json`), so that a script reads JSON alone and the
/// job log still shows the plan and the progress.
public enum HumanOutput: Sendable {
    case standardOutput
    case standardError

    public init(machineFormat: Bool) {
        self = machineFormat ? .standardError : .standardOutput
    }

    public func write(_ text: String) {
        switch self {
        case .standardOutput: StandardOutput.write(text)
        case .standardError: StandardError.write(text)
        }
    }

    /// Colour follows the stream the words go to.
    public func style(_ terminal: Terminal) -> Style {
        Style(enabled: self == .standardOutput ? terminal.colorOnStdout : terminal.colorOnStderr)
    }

    public func isTTY(_ terminal: Terminal) -> Bool {
        self == .standardOutput ? terminal.stdoutIsTTY : terminal.stderrIsTTY
    }
}

/// `--format text|json` of apply and rotate: the result for people, or for scripts.
public enum ResultFormat: String, CaseIterable, Sendable {
    case text, json
}
