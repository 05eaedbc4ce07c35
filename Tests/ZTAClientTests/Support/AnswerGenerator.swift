import Foundation

/// Seeded generator of API answers as bytes: well-formed ones in every shape the decoders
/// accept, with the quirks servers have (unknown and duplicate fields, nulls, escapes, odd
/// whitespace), and mutated ones (truncated, bytes changed, fields missing or retyped, deep
/// nesting, other encodings). The same seed gives the same answers.
struct AnswerGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// One answer: about a third well-formed, the rest mutated.
    mutating func answer() -> [UInt8] {
        let valid = wellFormed()
        switch below(9) {
        case 0...2: return valid
        case 3: return Array(valid.prefix(below(valid.count + 1)))
        case 4: return changingBytes(valid)
        case 5: return withDeepNesting(valid)
        case 6: return withFraming(valid)
        default: return changingBytes(withFraming(valid))
        }
    }

    /// A list envelope, a bare list or a created answer, each in one of its forms.
    mutating func wellFormed() -> [UInt8] {
        switch below(6) {
        case 0, 1:
            var fields = [("webhooks", list())]
            if chance(4) { fields.append(("nextCursor", chance(2) ? Array("null".utf8) : string())) }
            return object(fields)
        case 2:
            return list()
        case 3:
            return object([("webhook", webhook(secret: true))])
        case 4:
            return webhook(secret: true)
        default:
            return object([("webhook", webhook(secret: false)), ("secret", secretValue())].shuffledBy(&self))
        }
    }

    private mutating func list() -> [UInt8] {
        array((0..<below(4)).map { _ in webhook(secret: chance(3)) })
    }

    private mutating func webhook(secret: Bool) -> [UInt8] {
        var fields: [(String, [UInt8])] = [
            ("id", string()), ("url", string()), ("events", array((0..<below(4)).map { _ in string() })),
        ]
        if chance(2) { fields.append(("active", Array((chance(2) ? "true" : "false").utf8))) }
        if chance(2) { fields.append(("createdAt", timestamp())) }
        if chance(2) { fields.append(("lastTriggered", timestamp())) }
        if secret { fields.append(("secret", secretValue())) }
        if chance(3) { fields.append(("description", anyValue(depth: 2))) }
        if chance(5) { fields.append(("deliveryStats", anyValue(depth: 3))) }
        // Faults a server could send: a field missing, null, of another kind, or twice.
        if chance(6) { fields.remove(at: below(fields.count)) }
        if chance(6), !fields.isEmpty { fields[below(fields.count)].1 = anyValue(depth: 2) }
        if chance(5), !fields.isEmpty { fields.append((fields[below(fields.count)].0, anyValue(depth: 1))) }
        return object(fields.shuffledBy(&self))
    }

    private mutating func secretValue() -> [UInt8] {
        chance(8) ? anyValue(depth: 1) : Array("\"whsec_\(below(1_000_000))\"".utf8)
    }

    private mutating func timestamp() -> [UInt8] {
        let texts = ["2024-12-01T10:00:00.000Z", "2024-12-12T18:00:00+02:00", "2024-12-12T16:00:00.5Z",
                     "yesterday", "2024-13-01T00:00:00Z", "2024-12-12T16:00:00"]
        return chance(6) ? Array("null".utf8) : Array("\"\(texts[chance(5) ? below(texts.count) : below(3)])\"".utf8)
    }

    /// A string with the escapes, scalars and faults strings can hold.
    private mutating func string() -> [UInt8] {
        let pieces: [[UInt8]] = [
            Array("wh_1".utf8), Array("https://a.example/x".utf8), Array("goal".utf8), Array("é😀".utf8),
            Array(#"\n\t\"\\\/\b\f\r"#.utf8), Array(#"\u00e9\u00E9"#.utf8), Array(#"\ud83d\ude00"#.utf8),
            Array(#"\u0000"#.utf8), Array(#"\ud800"#.utf8), Array(#"\udc00x"#.utf8), Array(#"\q"#.utf8),
            Array(#"\u12G4"#.utf8), [0x01], [0x7F], [0xC3, 0x28], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xFF],
            [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82],
        ]
        var bytes: [UInt8] = [0x22]
        for _ in 0..<below(3) {
            // Clean pieces most of the time, so that most strings decode.
            bytes += pieces[chance(10) ? below(pieces.count) : below(7)]
        }
        return bytes + [0x22]
    }

    private mutating func anyValue(depth: Int) -> [UInt8] {
        let scalars = ["1", "-0", "01", "1.5e3", "1.", "-", "true", "false", "null", "[]", "{}"]
        switch depth <= 0 ? below(2) : below(4) {
        case 0: return Array(scalars[below(scalars.count)].utf8)
        case 1: return string()
        case 2: return array((0..<below(3)).map { _ in anyValue(depth: depth - 1) })
        default:
            let names = ["id", "events", "x", "webhook", "secret"]
            return object((0..<below(3)).map { _ in (names[below(names.count)], anyValue(depth: depth - 1)) })
        }
    }

    private mutating func object(_ fields: [(String, [UInt8])]) -> [UInt8] {
        var bytes: [UInt8] = [0x7B]
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes += [0x2C] }
            bytes += space() + key(field.0) + space() + [0x3A] + space() + field.1 + space()
        }
        if !fields.isEmpty, chance(12) { bytes += [0x2C] }
        return bytes + [0x7D]
    }

    private mutating func array(_ elements: [[UInt8]]) -> [UInt8] {
        var bytes: [UInt8] = [0x5B]
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes += [0x2C] }
            bytes += space() + element + space()
        }
        if !elements.isEmpty, chance(12) { bytes += [0x2C] }
        return bytes + [0x5D]
    }

    /// A key, now and then with an escape that spells it, or a malformed one.
    private mutating func key(_ name: String) -> [UInt8] {
        switch below(40) {
        case 0 where !name.isEmpty:
            let first = name.unicodeScalars.first!.value
            return Array("\"\\u\(String(format: "%04x", first))\(name.dropFirst())\"".utf8)
        case 1: return Array("\"\(name)\\q\"".utf8)
        case 2: return [0x22] + Array(name.utf8) + [0xFF, 0x22]
        default: return Array("\"\(name)\"".utf8)
        }
    }

    private mutating func space() -> [UInt8] {
        let choices: [[UInt8]] = [[], [], [], [0x20], [0x0A, 0x20, 0x20], [0x09], [0x0D, 0x0A]]
        return choices[below(choices.count)]
    }

    private mutating func changingBytes(_ bytes: [UInt8]) -> [UInt8] {
        guard !bytes.isEmpty else { return bytes }
        var bytes = bytes
        let replacements = Array("{}[],:\"\\ 0-.eEtfnul".utf8) + [0x00, 0x01, 0x80, 0xFF]
        for _ in 0...below(3) {
            let index = below(bytes.count)
            switch below(3) {
            case 0: bytes[index] = replacements[below(replacements.count)]
            case 1: bytes.remove(at: index)
            default: bytes.insert(replacements[below(replacements.count)], at: index)
            }
            if bytes.isEmpty { break }
        }
        return bytes
    }

    /// Nesting around the depth limit, inside an unknown field or around the whole answer.
    private mutating func withDeepNesting(_ bytes: [UInt8]) -> [UInt8] {
        let depth = [1, 100, 510, 511, 512, 513, 600][below(7)]
        let open: UInt8 = chance(2) ? 0x5B : 0x7B
        if open == 0x7B {
            let inner = Array(repeating: Array(#"{"a":"#.utf8), count: depth).flatMap { $0 } + Array("1".utf8)
                + Array(repeating: 0x7D, count: depth)
            return chance(2) ? inner : object([("webhooks", list()), ("deep", inner)])
        }
        let inner = Array(repeating: open, count: depth) + Array(repeating: 0x5D, count: depth)
        guard bytes.first == 0x7B, bytes.count > 1 else { return inner }
        return [0x7B] + Array(#""deep":"#.utf8) + inner + (bytes[1] == 0x7D ? [] : [0x2C]) + bytes.dropFirst()
    }

    /// A byte order mark, another encoding, or something after the value.
    private mutating func withFraming(_ bytes: [UInt8]) -> [UInt8] {
        switch below(6) {
        case 0: return [0xEF, 0xBB, 0xBF] + bytes
        case 1: return Self.utf16(bytes, bigEndian: chance(2), mark: chance(2))
        case 2: return bytes + Array(" \n".utf8)
        case 3: return bytes + Array([",", " x", "}", "]", "\0", "\u{0B}"][below(6)].utf8)
        case 4: return Array([" ", "\u{0C}", "\u{A0}", "\u{FEFF}"][below(4)].utf8) + bytes
        default: return Array(bytes.prefix(bytes.count / 2)) + Array(repeating: 0x20, count: 3) + bytes.dropFirst(bytes.count / 2)
        }
    }

    private static func utf16(_ bytes: [UInt8], bigEndian: Bool, mark: Bool) -> [UInt8] {
        let units = (mark ? [0xFEFF] : []) + Array(String(decoding: bytes, as: UTF8.self).utf16)
        return units.flatMap { bigEndian ? [UInt8($0 >> 8), UInt8($0 & 0xFF)] : [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(max(bound, 1)))
    }

    private mutating func chance(_ oneIn: Int) -> Bool {
        below(oneIn) == 0
    }

    /// SplitMix64: small, fast and the same on every platform.
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

private extension Array {
    func shuffledBy(_ generator: inout AnswerGenerator) -> [Element] {
        var copy = self
        for index in copy.indices.reversed() where index > 0 {
            copy.swapAt(index, generator.below(index + 1))
        }
        return copy
    }
}
