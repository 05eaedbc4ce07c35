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

    /// Runs `render` with a `write` that gathers its pieces into writes of about 64 KB: long
    /// output goes out as it is rendered, never held whole, in few system calls.
    public static func streaming(_ render: (_ write: (String) -> Void) -> Void) {
        let output = Gathered()
        render(output.write)
        output.flush()
    }

    /// Pieces of output gathered into writes of about 64 KB, for output rendered over a longer
    /// stretch of code than one closure (a plan printed as it is computed). `flush()` at the end.
    public final class Gathered {
        private var pending: [UInt8] = []

        public init() {
            pending.reserveCapacity(1 << 16)
        }

        public func write(_ piece: String) {
            pending.append(contentsOf: piece.utf8)
            if pending.count >= 1 << 16 { flush() }
        }

        public func flush() {
            guard !pending.isEmpty else { return }
            FileHandle.standardOutput.write(Data(pending))
            pending.removeAll(keepingCapacity: true)
        }
    }
}
