/// Failures of the emulator itself (not API answers).
public enum SimError: Error, Equatable, CustomStringConvertible {
    /// The state file exists but cannot be read or parsed; it is left untouched.
    case stateFileUnreadable(path: String, reason: String)
    /// The state file could not be written; the change that needed it was not made.
    case stateFileNotWritten(path: String, reason: String)
    /// The server stopped before it was listening (for example, the port was taken).
    case notListening(reason: String)

    public var description: String {
        switch self {
        case .stateFileUnreadable(let path, let reason):
            "cannot read emulator state file \(path): \(reason)"
        case .stateFileNotWritten(let path, let reason):
            "cannot write emulator state file \(path): \(reason)"
        case .notListening(let reason):
            "the emulator could not start listening: \(reason)"
        }
    }
}
