import Foundation
import Testing
@testable import ZTAHooksCore

struct SecretsJournalTests {
    static let allKinds: [SecretsJournalRecord] = [
        .intent(SecretsFixtures.intent("int_1")),
        .created(SecretsFixtures.entry(), intentId: "int_1"),
        .createFailed(intentId: "int_2"),
        .retired(siteId: "site_abc123", id: "wh_old", at: "2024-12-20T09:00:00.000Z", reason: "deleted by apply"),
        .adopted(SecretsFixtures.entry("site_abc123", "legacy", id: "wh_legacy", secret: nil)),
        .resolved(intentIds: ["int_3", "int_4"]),
    ]

    static func journal(_ records: [SecretsJournalRecord]) -> [UInt8] {
        records.flatMap(SecretsJournalCodec.encode)
    }

    @Test func crc32MatchesTheStandardCheckValue() {
        #expect(CRC32.hex(CRC32.checksum(Array("123456789".utf8))) == "cbf43926")
        #expect(CRC32.hex(CRC32.checksum([UInt8]())) == "00000000")
        #expect(CRC32.hex(0xFFFF_FFFF) == "ffffffff")
        #expect(CRC32.hex(0x0000_00A1) == "000000a1")
    }

    @Test func eachLineIsChecksummedJSON() throws {
        let line = SecretsJournalCodec.encode(.retired(siteId: "site_abc123", id: "wh_1", at: "2024-12-20T09:00:00.000Z", reason: "deleted by apply"))
        let text = String(decoding: line, as: UTF8.self)
        let record = #"{"at":"2024-12-20T09:00:00.000Z","id":"wh_1","reason":"deleted by apply","siteId":"site_abc123","type":"retired"}"#
        #expect(text == #"{"crc":""# + CRC32.hex(CRC32.checksum(Array(record.utf8))) + #"","record":"# + record + "}\n")
        #expect((try? JSONSerialization.jsonObject(with: Data(line.dropLast()))) != nil)
    }

    @Test func writesEntriesAsFoundationWouldWithSortedKeys() throws {
        let entries = [
            SecretsFixtures.entry(description: "say \"hi\"\nand go/leave"),
            SecretsFixtures.entry("site_abc123", "legacy", id: "wh_legacy", secret: nil),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for entry in entries {
            var writer = JSONWriter()
            writer.compact(entry)
            #expect(String(decoding: writer.bytes, as: UTF8.self) == String(decoding: try encoder.encode(entry), as: UTF8.self))
        }
    }

    @Test func roundTripsEveryRecordKind() {
        let contents = SecretsJournalCodec.decode(Self.journal(Self.allKinds))
        #expect(contents.records == Self.allKinds)
        #expect(!contents.tornTail)
        #expect(contents.damagedLines.isEmpty)
    }

    @Test func ignoresALastLineCutShort() {
        var bytes = Self.journal(Self.allKinds)
        bytes.removeLast(10)
        let contents = SecretsJournalCodec.decode(bytes)
        #expect(contents.records == Array(Self.allKinds.dropLast()))
        #expect(contents.tornTail)
    }

    @Test func ignoresALastLineWithAWrongChecksum() {
        var bytes = Self.journal(Array(Self.allKinds.prefix(2)))
        var last = SecretsJournalCodec.encode(.retired(siteId: "s", id: "wh_x", at: "2024-12-20T09:00:00.000Z", reason: "deleted by apply"))
        last[last.count - 5] ^= 0x01
        bytes += last
        let contents = SecretsJournalCodec.decode(bytes)
        #expect(contents.records == Array(Self.allKinds.prefix(2)))
        #expect(contents.tornTail)
    }

    @Test func skipsADamagedLineInTheMiddleAndKeepsTheRest() {
        var lines = Self.allKinds.map(SecretsJournalCodec.encode)
        lines[1][lines[1].count - 10] ^= 0x20
        let contents = SecretsJournalCodec.decode(lines.flatMap { $0 })
        #expect(contents.records == Self.allKinds.enumerated().filter { $0.offset != 1 }.map(\.element))
        #expect(contents.damagedLines == [2])
        #expect(!contents.tornTail)
    }

    @Test func stateAppliesRecordsAndAdoptionNeverDropsAKnownSecret() {
        var state = SecretsState()
        state.apply(.intent(SecretsFixtures.intent("int_1")))
        state.apply(.intent(SecretsFixtures.intent("int_2", name: "billing")))
        state.apply(.created(SecretsFixtures.entry(), intentId: "int_1"))
        state.apply(.adopted(SecretsFixtures.entry(secret: nil)))
        state.apply(.adopted(SecretsFixtures.entry("site_abc123", "legacy", id: "wh_legacy", secret: "whsec_ignored")))
        let snapshot = state.snapshot
        #expect(snapshot.unresolvedIntents.map(\.intentId) == ["int_2"])
        #expect(snapshot.entry(id: "wh_abc123")?.secret == "whsec_xyz789")
        #expect(snapshot.entry(id: "wh_abc123")?.adopted == nil)
        #expect(snapshot.entry(id: "wh_legacy")?.secret == nil)
        #expect(snapshot.entry(id: "wh_legacy")?.adopted == true)
    }
}
