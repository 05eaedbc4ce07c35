/// What `--concurrency` (or `concurrency` in the project file) asks for: a fixed number of
/// requests at once, or `auto`, which finds the API's pace as it goes (`ConcurrencyLimiter`).
public enum ConcurrencySetting: Sendable, Hashable, CustomStringConvertible {
    case fixed(Int)
    case auto

    /// The numbers `--concurrency` accepts besides `auto`.
    public static let range = 1...256

    /// `auto`, or a number in `range`; nil otherwise.
    public init?(argument: String) {
        if argument.lowercased() == "auto" {
            self = .auto
        } else if let number = Int(argument), Self.range.contains(number) {
            self = .fixed(number)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .fixed(let number): return String(number)
        case .auto: return "auto"
        }
    }

    /// The most requests this setting ever has in flight: connections to keep open for it.
    public var ceiling: Int {
        switch self {
        case .fixed(let number): return max(1, number)
        case .auto: return ConcurrencyLimiter.Tuning.standard.ceiling
        }
    }
}
