import Foundation

/// The journal ztahooks appends beside the secrets file while an apply runs, read for lookup.
///
/// One record per line: `{"crc":"1a2b3c4d","record":{...}}`, the CRC-32 over the record's
/// bytes. A line without its newline (an append cut short) or with a wrong checksum is skipped,
/// as ztahooks skips it: it was never acknowledged. Record types lookup does not need are ignored.
enum SecretsJournalLines {
    private static let prefix = Array(#"{"crc":""#.utf8)
    private static let middle = Array(#"","record":"#.utf8)

    /// The records that change what lookup answers, in order.
    static func records(in bytes: Data) -> [Record] {
        let bytes = [UInt8](bytes)
        let decoder = JSONDecoder()
        var records: [Record] = []
        var start = 0
        while let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            if let json = checkedRecord(bytes[start..<end]), let record = try? decoder.decode(Record.self, from: Data(json)) {
                records.append(record)
            }
            start = end + 1
        }
        return records
    }

    /// The record's JSON when the line is well-formed and its checksum matches.
    private static func checkedRecord(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        let crcStart = line.startIndex + prefix.count
        let jsonStart = crcStart + 8 + middle.count
        guard line.count > jsonStart - line.startIndex + 1,
              line.starts(with: prefix),
              line[(crcStart + 8)...].starts(with: middle),
              line.last == UInt8(ascii: "}"),
              let crc = UInt32(String(decoding: line[crcStart..<(crcStart + 8)], as: UTF8.self), radix: 16)
        else { return nil }
        let json = line[jsonStart..<(line.endIndex - 1)]
        return crc == JournalChecksum.crc32(json) ? json : nil
    }

    /// A journal record, as far as lookup cares.
    enum Record: Decodable {
        /// A webhook was created with this secret.
        case created(SecretsFileEntry)
        /// A webhook was deleted or is no longer listed: its entry is retired (an earlier
        /// version's `deleted` record carries no time: it counts from when it is read).
        case retired(siteId: String, id: String, at: Date)
        /// A retired webhook is listed again.
        case restored(siteId: String, id: String)
        /// A webhook was adopted without its secret.
        case adopted(SecretsFileEntry)
        /// Intents and their outcomes: nothing for lookup.
        case other

        private enum CodingKeys: String, CodingKey {
            case type, entry, siteId, id, at
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            switch try container.decode(String.self, forKey: .type) {
            case "created": self = .created(try container.decode(SecretsFileEntry.self, forKey: .entry))
            case "deleted": self = .retired(siteId: try container.decode(String.self, forKey: .siteId),
                                            id: try container.decode(String.self, forKey: .id), at: Date())
            case "retired":
                let at = try container.decode(String.self, forKey: .at)
                self = .retired(siteId: try container.decode(String.self, forKey: .siteId),
                                id: try container.decode(String.self, forKey: .id), at: RetiredTime.parse(at) ?? Date())
            case "restored": self = .restored(siteId: try container.decode(String.self, forKey: .siteId),
                                              id: try container.decode(String.self, forKey: .id))
            case "adopted": self = .adopted(try container.decode(SecretsFileEntry.self, forKey: .entry))
            default: self = .other
            }
        }

        /// Replays the record as ztahooks does.
        func apply(to webhooks: inout [String: WebhookSecrets.Known]) {
            switch self {
            case .created(let entry):
                webhooks[entry.id] = entry.known
            case .retired(let siteId, let id, let at):
                if webhooks[id]?.siteId == siteId, webhooks[id]?.retiredAt == nil { webhooks[id]?.retiredAt = at }
            case .restored(let siteId, let id):
                if webhooks[id]?.siteId == siteId { webhooks[id]?.retiredAt = nil }
            case .adopted(let entry):
                // A known secret is worth more than an adoption: ztahooks never trades it for null.
                if var known = webhooks[entry.id], known.siteId == entry.siteId, known.knowledge != .adopted {
                    known.retiredAt = nil
                    webhooks[entry.id] = known
                    return
                }
                webhooks[entry.id] = .init(siteId: entry.siteId, knowledge: .adopted)
            case .other:
                break
            }
        }
    }
}
