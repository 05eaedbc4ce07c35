/// A place in a site file, 1-based, as editors and CI annotations expect.
public struct SourceLocation: Hashable, Sendable, Comparable, Codable {
    public var file: String
    var place: SourcePlace

    public var line: Int {
        get { Int(place.line) }
        set { place.line = Int32(clamping: newValue) }
    }

    public var column: Int {
        get { Int(place.column) }
        set { place.column = Int32(clamping: newValue) }
    }

    public init(file: String, line: Int, column: Int) {
        self.init(file: file, place: SourcePlace(line: Int32(clamping: line), column: Int32(clamping: column)))
    }

    init(file: String, place: SourcePlace) {
        self.file = file
        self.place = place
    }

    private enum CodingKeys: String, CodingKey {
        case file, line, column
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(file: try container.decode(String.self, forKey: .file), line: try container.decode(Int.self, forKey: .line),
                  column: try container.decode(Int.self, forKey: .column))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// A line and column without their file, 32 bits each: what a type that knows its file keeps.
///
/// A site file held six locations for two webhooks, each with its file name and two 8-byte
/// numbers; at 100,000 sites that was 13 MB more than the file name once and these. Files are
/// limited far below 2³¹ bytes; larger values are clamped.
struct SourcePlace: Hashable, Sendable {
    var line: Int32
    var column: Int32
}

/// One problem found in the input: what is wrong, where, and how to fix it.
public struct Diagnostic: Hashable, Sendable, Codable {
    public enum Severity: String, Hashable, Sendable, Codable {
        case error
        case warning
    }

    public var severity: Severity
    public var message: String
    public var location: SourceLocation
    /// A suggestion such as "did you mean 'events'?"; printed after the message.
    public var hint: String?

    public init(_ severity: Severity, _ message: String, at location: SourceLocation, hint: String? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
        self.hint = hint
    }

    public static func error(_ message: String, at location: SourceLocation, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: location, hint: hint)
    }

    public static func warning(_ message: String, at location: SourceLocation, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, message, at: location, hint: hint)
    }

    /// The message with its hint, as one line.
    public var fullMessage: String {
        guard let hint else { return message }
        return "\(message) (\(hint))"
    }

    /// `FILE:LINE:COLUMN: error: MESSAGE`, the form editors and CI make clickable.
    public var description: String {
        "\(location.file):\(location.line):\(location.column): \(severity.rawValue): \(fullMessage)"
    }
}

extension Array where Element == Diagnostic {
    /// Sorted by file, line and column; errors before warnings at one place.
    public func sortedForOutput() -> [Diagnostic] {
        sorted { a, b in
            if a.location != b.location { return a.location < b.location }
            if a.severity != b.severity { return a.severity == .error }
            return a.message < b.message
        }
    }

    public var hasErrors: Bool { contains { $0.severity == .error } }
}
