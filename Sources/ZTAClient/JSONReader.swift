/// A pull reader of JSON text (RFC 8259) over bytes, accepting exactly what Foundation's
/// `JSONDecoder` accepts, without building any value tree.
///
/// It checks on two levels, as `JSONDecoder` does. The structure of the whole document is
/// always checked: brackets, commas, colons, literals, where numbers and strings start and end,
/// only whitespace after the value, and nesting at most `maxDepth` deep, so that a hostile
/// answer cannot exhaust the stack. A string's contents (escapes, surrogate pairs, control
/// characters, UTF-8) are checked only when the string is read (`text(of:)`): every key of an
/// object that is read, and the values asked for. Like `JSONDecoder`, it therefore accepts a
/// malformed string inside an ignored field, a trailing comma before `]` or `}`, and a number
/// such as `01` or `1.` that nobody reads.
struct JSONReader {
    /// The structure is broken: `JSONDecoder` rejects the whole answer as not JSON.
    struct Malformed: Error {}

    enum Kind { case object, array, string, number, bool, null }

    /// `JSONDecoder` reads 512 nested objects and arrays and rejects 513.
    static let maxDepth = 512

    let bytes: UnsafeRawBufferPointer
    private(set) var index: Int
    private var depth = 0

    init(_ bytes: UnsafeRawBufferPointer, from start: Int = 0) {
        self.bytes = bytes
        self.index = start
    }

    /// The kind of the next value, after whitespace; nothing of the value is consumed.
    mutating func peekKind() throws(Malformed) -> Kind {
        skipWhitespace()
        guard index < bytes.count else { throw Malformed() }
        switch bytes[index] {
        case .openBrace: return .object
        case .openBracket: return .array
        case .quote: return .string
        case .minus, .zero ... .nine: return .number
        case .t, .f: return .bool
        case .n: return .null
        default: throw Malformed()
        }
    }

    /// After the top-level value, only whitespace may follow.
    mutating func finish() throws(Malformed) {
        skipWhitespace()
        guard index == bytes.count else { throw Malformed() }
    }

    /// Consumes a string and returns where its contents lie; they are checked by `text(of:)`.
    mutating func readString() throws(Malformed) -> JSONString {
        index += 1
        let start = index
        var hasEscapes = false
        while index < bytes.count {
            switch bytes[index] {
            case .quote:
                index += 1
                return JSONString(start: start, end: index - 1, hasEscapes: hasEscapes)
            case .backslash:
                // As in `JSONDecoder`, the four bytes after `\u` belong to the escape, and
                // must be there and not hold a quote even in a string never read; any other
                // escaped byte is taken alone. `text(of:)` judges the escapes of strings read.
                hasEscapes = true
                if index + 1 < bytes.count, bytes[index + 1] == .u {
                    guard index + 6 <= bytes.count,
                          !bytes[index + 2 ..< index + 6].contains(.quote) else { throw Malformed() }
                    index += 6
                } else {
                    index += 2
                }
            default:
                index += 1
            }
        }
        throw Malformed()
    }

    mutating func readBool() throws(Malformed) -> Bool {
        if bytes[index] == .t {
            try readLiteral("true")
            return true
        }
        try readLiteral("false")
        return false
    }

    mutating func readNull() throws(Malformed) {
        try readLiteral("null")
    }

    /// Consumes any value, checking its structure only.
    mutating func skipValue() throws(Malformed) {
        switch try peekKind() {
        case .object:
            try enterContainer()
            var first = true
            while try nextKey(&first) != nil { try skipValue() }
        case .array:
            try enterContainer()
            var first = true
            while try nextElement(&first) { try skipValue() }
        case .string:
            _ = try readString()
        case .number:
            // The characters a number may hold, in any order: `JSONDecoder` judges a number's
            // form only when it reads it, and no answer's number is read.
            index += 1
            while index < bytes.count, bytes[index].isNumberCharacter { index += 1 }
        case .bool:
            _ = try readBool()
        case .null:
            try readNull()
        }
    }

    /// Consumes the `{` or `[` the reader is at.
    mutating func enterContainer() throws(Malformed) {
        depth += 1
        guard depth <= Self.maxDepth else { throw Malformed() }
        index += 1
    }

    /// The next key of the object entered last, its `:` consumed; nil at the object's end,
    /// its `}` consumed. `first` starts true for each object.
    mutating func nextKey(_ first: inout Bool) throws(Malformed) -> JSONString? {
        guard try advanceInContainer(&first, closer: .closeBrace) else { return nil }
        guard bytes[index] == .quote else { throw Malformed() }
        let key = try readString()
        skipWhitespace()
        guard index < bytes.count, bytes[index] == .colon else { throw Malformed() }
        index += 1
        return key
    }

    /// Whether the array entered last has another element (then the reader is at it); at the
    /// array's end its `]` is consumed. `first` starts true for each array.
    mutating func nextElement(_ first: inout Bool) throws(Malformed) -> Bool {
        try advanceInContainer(&first, closer: .closeBracket)
    }

    /// Moves past the comma between members, or the closer; a comma may come before the
    /// closer of a container that is not empty, as `JSONDecoder` allows.
    private mutating func advanceInContainer(_ first: inout Bool, closer: UInt8) throws(Malformed) -> Bool {
        guard try !closes(closer) else { return false }
        if first {
            first = false
            return true
        }
        guard bytes[index] == .comma else { throw Malformed() }
        index += 1
        return try !closes(closer)
    }

    /// Consumes the closer when it is next; throws at the end of the answer.
    private mutating func closes(_ closer: UInt8) throws(Malformed) -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw Malformed() }
        guard bytes[index] == closer else { return false }
        index += 1
        depth -= 1
        return true
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case .space, .tab, .lineFeed, .carriageReturn: index += 1
            default: return
            }
        }
    }

    private mutating func readLiteral(_ word: StaticString) throws(Malformed) {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw Malformed() }
        let start = word.utf8Start
        for offset in 0..<count where bytes[index + offset] != start[offset] { throw Malformed() }
        index += count
    }
}

/// Where a string's contents lie in the answer, between its quotes.
struct JSONString {
    var start: Int
    var end: Int
    var hasEscapes: Bool
}

/// The bytes of JSON's grammar, by name.
extension UInt8 {
    static let tab: UInt8 = 0x09, lineFeed: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D, space: UInt8 = 0x20
    static let quote: UInt8 = 0x22, plus: UInt8 = 0x2B, comma: UInt8 = 0x2C, minus: UInt8 = 0x2D
    static let dot: UInt8 = 0x2E, slash: UInt8 = 0x2F, zero: UInt8 = 0x30, nine: UInt8 = 0x39, colon: UInt8 = 0x3A
    static let openBracket: UInt8 = 0x5B, backslash: UInt8 = 0x5C, closeBracket: UInt8 = 0x5D
    static let openBrace: UInt8 = 0x7B, closeBrace: UInt8 = 0x7D
    static let b: UInt8 = 0x62, f: UInt8 = 0x66, n: UInt8 = 0x6E, r: UInt8 = 0x72, t: UInt8 = 0x74, u: UInt8 = 0x75

    fileprivate var isNumberCharacter: Bool {
        switch self {
        case .zero ... .nine, .minus, .plus, .dot, 0x45, 0x65: true  // E, e
        default: false
        }
    }
}
