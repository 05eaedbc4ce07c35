import Foundation

/// What the process is talking to: decides colour and progress output.
public struct Terminal: Sendable {
    public var stdoutIsTTY: Bool
    public var stderrIsTTY: Bool
    public var stdinIsTTY: Bool
    public var noColor: Bool

    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> Terminal {
        Terminal(
            stdoutIsTTY: isatty(STDOUT_FILENO) == 1,
            stderrIsTTY: isatty(STDERR_FILENO) == 1,
            stdinIsTTY: isatty(STDIN_FILENO) == 1,
            // https://no-color.org: any non-empty value disables colour.
            noColor: !(environment["NO_COLOR"] ?? "").isEmpty || environment["TERM"] == "dumb"
        )
    }

    /// Colour on standard output: only on a terminal, and never when NO_COLOR is set.
    public var colorOnStdout: Bool { stdoutIsTTY && !noColor }
    public var colorOnStderr: Bool { stderrIsTTY && !noColor }
}

/// Writes to standard error without buffering surprises.
public enum StandardError {
    public static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Writes to standard output, flushing so that ordering with stderr stays sensible in CI logs.
public enum StandardOutput {
    public static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
