extension JSONReader {
    /// A string's text, or nil where `JSONDecoder` refuses it: an unknown escape, a `\u` without
    /// four hex digits, a lone or reversed surrogate, a control character below U+0020, or bytes
    /// that are not UTF-8 (overlong forms and encoded surrogates included).
    func text(of string: JSONString) -> String? {
        if string.hasEscapes { return unescapedText(of: string) }
        guard isWellFormed(string) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[string.start..<string.end]), as: UTF8.self)
    }

    /// Whether `text(of:)` would accept a string without escapes, without making a String.
    func isWellFormed(_ string: JSONString) -> Bool {
        var index = string.start
        while index < string.end {
            let byte = bytes[index]
            if byte >= 0x20, byte < 0x80 {
                index += 1
            } else {
                guard let width = scalarWidth(at: index, end: string.end) else { return false }
                index += width
            }
        }
        return true
    }

    /// Whether a string without escapes is exactly `word`, compared byte by byte (no String
    /// is made); false for one with escapes, which the caller compares as text.
    func bytesEqual(_ string: JSONString, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard !string.hasEscapes, string.end - string.start == count else { return false }
        let start = word.utf8Start
        for offset in 0..<count where bytes[string.start + offset] != start[offset] { return false }
        return true
    }

    private func unescapedText(of string: JSONString) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(string.end - string.start)
        var index = string.start
        while index < string.end {
            let byte = bytes[index]
            if byte == .backslash {
                // The scanner guarantees a byte after every backslash inside the string.
                index += 1
                switch bytes[index] {
                case .quote, .backslash, .slash: out.append(bytes[index])
                case .b: out.append(0x08)
                case .f: out.append(0x0C)
                case .n: out.append(.lineFeed)
                case .r: out.append(.carriageReturn)
                case .t: out.append(.tab)
                case .u:
                    guard let (scalar, width) = escapedScalar(at: index + 1, end: string.end) else { return nil }
                    Self.appendUTF8(scalar, to: &out)
                    index += width
                default: return nil
                }
                index += 1
            } else if byte < 0x80 {
                guard byte >= 0x20 else { return nil }
                out.append(byte)
                index += 1
            } else {
                guard let width = scalarWidth(at: index, end: string.end) else { return nil }
                out.append(contentsOf: bytes[index..<index + width])
                index += width
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The scalar of the four hex digits at `index` (after `\u`), joined with the `\uXXXX` of a
    /// low surrogate after a high one; `width` counts the bytes consumed after the `u`.
    private func escapedScalar(at index: Int, end: Int) -> (UInt32, width: Int)? {
        guard let unit = hexQuad(at: index, end: end) else { return nil }
        switch unit {
        case 0xD800...0xDBFF:
            guard index + 10 <= end, bytes[index + 4] == .backslash, bytes[index + 5] == .u,
                  let low = hexQuad(at: index + 6, end: end), (0xDC00...0xDFFF).contains(low)
            else { return nil }
            return (0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), 10)
        case 0xDC00...0xDFFF:
            return nil
        default:
            return (unit, 4)
        }
    }

    private func hexQuad(at index: Int, end: Int) -> UInt32? {
        guard index + 4 <= end else { return nil }
        var value: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// The length of the well-formed UTF-8 sequence of a non-ASCII scalar at `index`, or nil
    /// (RFC 3629, table 3-7 of the Unicode standard).
    private func scalarWidth(at index: Int, end: Int) -> Int? {
        let lead = bytes[index]
        let width: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: width = 2
        case 0xE0: width = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: width = 3
        case 0xED: width = 3; high = 0x9F
        case 0xF0: width = 4; low = 0x90
        case 0xF1...0xF3: width = 4
        case 0xF4: width = 4; high = 0x8F
        default: return nil
        }
        guard index + width <= end, (low...high).contains(bytes[index + 1]) else { return nil }
        for offset in 2..<width where bytes[index + offset] & 0xC0 != 0x80 { return nil }
        return width
    }

    private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case ..<0x80:
            out.append(UInt8(scalar))
        case ..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
