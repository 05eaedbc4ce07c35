import Foundation

/// The journal's line format: JSON Lines, one record per line, each line checksummed.
///
/// A line reads `{"crc":"1a2b3c4d","record":{...}}\n`, where the CRC-32 covers exactly the bytes
/// of the record's JSON. The line stays valid JSON for a human with `jq`, while the reader can
/// check it without re-encoding anything. A crash mid-append leaves a last line without its
/// newline or with a wrong checksum: that line was never acknowledged, so it is ignored.
package enum SecretsJournalCodec {
    private static let prefix = Array(#"{"crc":""#.utf8)
    private static let middle = Array(#"","record":"#.utf8)
    private static let newline = UInt8(ascii: "\n")

    /// What a journal holds, as far as it can be trusted.
    package struct Contents: Hashable, Sendable {
        package var records: [SecretsJournalRecord] = []
        /// The last line was incomplete: a crash interrupted its append.
        package var tornTail = false
        /// 1-based numbers of complete lines whose checksum or JSON is wrong; they are skipped.
        package var damagedLines: [Int] = []
        /// Those damaged lines that may have held a secret.
        package var damagedSecretLines: [Int] = []
    }

    /// The type markers of records that never carry a secret.
    private static let secretFreeTypes: [[UInt8]] = ["intent", "createFailed", "deleted", "retired", "restored", "adopted", "resolved", "handedOff"]
        .map { Array("\"type\":\"\($0)\"".utf8) }

    package static func encode(_ record: SecretsJournalRecord) -> [UInt8] {
        var writer = JSONWriter(capacity: 320)
        writer.compact(record)
        let json = writer.bytes
        var line = prefix
        line.reserveCapacity(json.count + 32)
        CRC32.appendHex(CRC32.checksum(json), to: &line)
        line += middle
        line += json
        line.append(UInt8(ascii: "}"))
        line.append(newline)
        return line
    }

    package static func decode(_ bytes: [UInt8]) -> Contents {
        var contents = Contents()
        let decoder = JSONDecoder()
        var lineNumber = 0
        var start = bytes.startIndex
        while start < bytes.endIndex {
            lineNumber += 1
            guard let end = bytes[start...].firstIndex(of: newline) else {
                contents.tornTail = true
                break
            }
            let line = bytes[start..<end]
            start = end + 1
            if line.isEmpty { continue }
            if let record = record(in: line, decoder: decoder) {
                contents.records.append(record)
            } else if start == bytes.endIndex {
                // A complete-looking last line with a wrong checksum is a torn append as well.
                contents.tornTail = true
            } else {
                contents.damagedLines.append(lineNumber)
                // A damaged line's kind is read from its bytes: only a line that plainly names a
                // kind without a secret is known to have lost none.
                if !secretFreeTypes.contains(where: { occurs($0, in: line) }) {
                    contents.damagedSecretLines.append(lineNumber)
                }
            }
        }
        return contents
    }

    /// A plain scan: the standard library's generic `contains` of a subsequence cost more than
    /// decoding the line's JSON (the fuzz target spent most of its time there).
    private static func occurs(_ needle: [UInt8], in line: ArraySlice<UInt8>) -> Bool {
        guard let first = needle.first, needle.count <= line.count else { return needle.isEmpty }
        var start = line.startIndex
        while start <= line.endIndex - needle.count {
            if line[start] == first, line[start..<(start + needle.count)].elementsEqual(needle) { return true }
            start += 1
        }
        return false
    }

    private static func record(in line: ArraySlice<UInt8>, decoder: JSONDecoder) -> SecretsJournalRecord? {
        let headerCount = prefix.count + 8 + middle.count
        guard line.count > headerCount + 1,
              line.starts(with: prefix),
              line[(line.startIndex + prefix.count + 8)...].starts(with: middle),
              line.last == UInt8(ascii: "}")
        else { return nil }
        let crcText = String(decoding: line[(line.startIndex + prefix.count)..<(line.startIndex + prefix.count + 8)], as: UTF8.self)
        let json = line[(line.startIndex + headerCount)..<(line.endIndex - 1)]
        guard let crc = UInt32(crcText, radix: 16), crc == CRC32.checksum(json) else { return nil }
        return try? decoder.decode(SecretsJournalRecord.self, from: Data(json))
    }
}
