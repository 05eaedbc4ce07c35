/// Writes JSON text straight into bytes, for the secrets file and its fixed layout.
///
/// Hand-written rather than `JSONEncoder` so that the layout is the same on every platform
/// (Foundation's pretty printer differs in spacing between implementations), `"secret": null`
/// stays explicit, and folding 100,000 entries costs one pass over the bytes.
package struct JSONWriter {
    package private(set) var bytes: [UInt8] = []
    private var fieldsInObject = 0

    package init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    package mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    package mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// A string literal, quotes included. Escapes only what JSON requires: `/` and non-ASCII
    /// characters stay as they are (every byte of a multi-byte UTF-8 sequence is >= 0x80).
    package mutating func string(_ value: String) {
        bytes.append(0x22)
        // One pass over the bytes in place for the usual string, which needs no escape.
        var value = value
        let plain = value.withUTF8 { utf8 -> Bool in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if plain {
            bytes.append(0x22)
            return
        }
        for byte in value.utf8 {
            switch byte {
            case 0x22: raw("\\\"")
            case 0x5C: raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0x08: raw("\\b")
            case 0x0C: raw("\\f")
            case 0..<0x20:
                raw("\\u00")
                bytes.append(Self.hexDigit(byte >> 4))
                bytes.append(Self.hexDigit(byte & 0x0F))
            default:
                bytes.append(byte)
            }
        }
        bytes.append(0x22)
    }

    /// An array of strings on one line: `["alert", "goal"]`.
    package mutating func stringArray(_ values: [String]) {
        raw("[")
        for (index, value) in values.enumerated() {
            if index > 0 { raw(", ") }
            string(value)
        }
        raw("]")
    }

    /// An entry's `secret` value: `{"sealed": "..."}` when sealed (the plain text is then never
    /// written), else the string, else `null`.
    package mutating func secret(_ entry: SecretEntry, spaced: Bool) {
        if let sealed = entry.sealed {
            raw(spaced ? "{\"sealed\": " : "{\"sealed\":")
            string(sealed.base64)
            raw("}")
        } else if let secret = entry.secret {
            string(secret)
        } else {
            raw("null")
        }
    }

    /// Opens an element of a top-level array: fields at six spaces, as pretty JSON nests them.
    package mutating func beginObject() {
        raw("    {\n")
        fieldsInObject = 0
    }

    /// Starts the next field, with the comma that separates it from the previous one.
    package mutating func field(_ key: StaticString) {
        if fieldsInObject > 0 { raw(",\n") }
        fieldsInObject += 1
        raw("      \"")
        raw(key)
        raw("\": ")
    }

    package mutating func endObject() {
        raw("\n    }")
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? 0x30 + value : 0x61 + value - 10
    }
}
