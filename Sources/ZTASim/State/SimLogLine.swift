import Foundation

/// The framing of a log line: `CRC32 JSON\n`, the CRC-32 (eight hex digits) of the JSON's bytes.
///
/// JSON as encoded here has no raw newline, so every `\n` ends a line: a last line without one
/// is a write that a crash cut short, and a line whose checksum does not match is damage.
enum SimLogLine {
    static func encode(_ entries: [SimLogEntry]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data()
        for entry in entries {
            let json = try encoder.encode(entry)
            data.append(contentsOf: Array(hex(checksum(json)).utf8))
            data.append(0x20)
            data.append(json)
            data.append(0x0A)
        }
        return data
    }

    /// What a log holds: its entries, and how many bytes of it are whole lines (a torn tail after them).
    struct Contents {
        var entries: [SimLogEntry]
        var wholeLength: Int
    }

    /// Why a whole line cannot be read; `line` counts from 1.
    struct Damage: Error {
        var line: Int
        var reason: String
    }

    static func decode(_ data: Data) throws(Damage) -> Contents {
        let decoder = JSONDecoder()
        var entries: [SimLogEntry] = []
        var start = data.startIndex
        var line = 0
        while let end = data[start...].firstIndex(of: 0x0A) {
            line += 1
            let text = data[start..<end]
            guard text.count > 9, text[text.startIndex + 8] == 0x20,
                let stored = UInt32(String(decoding: text.prefix(8), as: UTF8.self), radix: 16)
            else { throw Damage(line: line, reason: "not a log line (expected a checksum and a change)") }
            let json = text.dropFirst(9)
            guard checksum(json) == stored else { throw Damage(line: line, reason: "its checksum does not match") }
            do {
                entries.append(try decoder.decode(SimLogEntry.self, from: Data(json)))
            } catch {
                throw Damage(line: line, reason: "not a change the emulator knows")
            }
            start = end + 1
        }
        return Contents(entries: entries, wholeLength: start - data.startIndex)
    }

    // The emulator stays independent of the core, whose journal has its own CRC-32.
    private static let table: [UInt32] = (0..<256).map { index in
        (0..<8).reduce(UInt32(index)) { value, _ in value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
    }

    static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        ~bytes.reduce(UInt32.max) { crc, byte in table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
