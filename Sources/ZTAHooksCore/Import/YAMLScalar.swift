/// Writes a string as a YAML scalar that every YAML reader loads back as that same string.
///
/// Plain (unquoted) only when nothing can misread it: it starts with a letter, holds only
/// characters with no meaning in a block scalar, does not end in `:` and is not one of the
/// words YAML 1.1 or 1.2 turns into a boolean or null (`yes`, `on`, `null`, …). Everything else
/// is double-quoted with JSON-style escapes, which YAML's double-quoted style reads alike.
enum YAMLScalar {
    static func render(_ value: String) -> String {
        isPlainSafe(value) ? value : doubleQuoted(value)
    }

    static func isPlainSafe(_ value: String) -> Bool {
        guard let first = value.utf8.first, isLetter(first), value.utf8.last != UInt8(ascii: ":") else { return false }
        guard value.utf8.allSatisfy({ isLetter($0) || isDigit($0) || plainPunctuation[Int($0)] }) else { return false }
        return !reservedWords.contains(value.lowercased())
    }

    static func doubleQuoted(_ value: String) -> String {
        // Control characters, line separators and the byte order mark would be read as something
        // else (or refused); escaped they survive, and show as what they are.
        SchemaJSON.quoted(value, alsoEscaping: { DisplayText.isUnsafe($0) || $0.value == 0xFEFF })
    }

    /// Read as booleans or null by YAML 1.1 or 1.2 readers when plain.
    private static let reservedWords: Set<String> = ["null", "true", "false", "yes", "no", "on", "off", "y", "n"]

    private static let plainPunctuation: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "-._~/?@!$&'()*+;=%:".utf8 { table[Int(byte)] = true }
        return table
    }()

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
