import Foundation
import Testing
@testable import ZTAHooksCore

struct SecretsFileCodecTests {
    @Test func writesTheContractLayoutWithSortedKeysAndExplicitNullSecret() {
        var adopted = SecretsFixtures.entry("site_abc123", "legacy", id: "wh_old", secret: nil)
        adopted.adopted = true
        let described = SecretsFixtures.entry("site_abc123", "ops-alerts", description: "Spikes to \"ops\"\n")
        let snapshot = SecretsSnapshot(entries: [described, adopted],
                                       unresolvedIntents: [SecretsFixtures.intent("int_1", name: "billing")])
        let text = String(decoding: SecretsFileCodec.encode(snapshot), as: UTF8.self)
        #expect(text == """
        {
          "pendingCreates": [
            {
              "events": ["alert"],
              "intentId": "int_1",
              "name": "billing",
              "siteId": "site_abc123",
              "startedAt": "2024-12-12T16:00:00.000Z",
              "url": "https://hooks.example.com/zta/billing"
            }
          ],
          "version": 1,
          "webhooks": [
            {
              "adopted": true,
              "createdAt": "2024-12-12T16:00:00.000Z",
              "events": ["alert"],
              "id": "wh_old",
              "name": "legacy",
              "secret": null,
              "siteId": "site_abc123",
              "url": "https://hooks.example.com/zta/legacy"
            },
            {
              "createdAt": "2024-12-12T16:00:00.000Z",
              "description": "Spikes to \\"ops\\"\\n",
              "events": ["alert"],
              "id": "wh_abc123",
              "name": "ops-alerts",
              "secret": "whsec_xyz789",
              "siteId": "site_abc123",
              "url": "https://hooks.example.com/zta/ops-alerts"
            }
          ]
        }

        """)
    }

    @Test func anEmptyStoreOmitsPendingCreates() {
        let text = String(decoding: SecretsFileCodec.encode(.empty), as: UTF8.self)
        #expect(text == "{\n  \"version\": 1,\n  \"webhooks\": []\n}\n")
    }

    @Test func sortsEntriesBySiteNameAndId() throws {
        let entries = [
            SecretsFixtures.entry("site_b", "a", id: "wh_1"),
            SecretsFixtures.entry("site_a", "b", id: "wh_2"),
            SecretsFixtures.entry("site_a", "a", id: "wh_9"),
            SecretsFixtures.entry("site_a", "a", id: "wh_3"),
        ]
        let decoded = try SecretsFileCodec.decode(SecretsFileCodec.encode(SecretsSnapshot(entries: entries)))
        #expect(decoded.entries.map(\.id) == ["wh_3", "wh_9", "wh_2", "wh_1"])
    }

    @Test func anyOrderOfEntriesIsWrittenInTheSameSortedOrder() {
        var generator = SystemRandomNumberGenerator()
        let entries = (0..<300).map { index in
            SecretsFixtures.entry("site_\(Int.random(in: 0..<4, using: &generator))", "n\(Int.random(in: 0..<3, using: &generator))",
                                  id: "wh_\(index)")
        }
        let expected = entries.sorted { ($0.siteId, $0.name, $0.id) < ($1.siteId, $1.name, $1.id) }
        #expect(SecretsFileCodec.sorted(entries.shuffled(using: &generator), by: SecretsFileCodec.entryKey) == expected)
        #expect(SecretsFileCodec.sorted(expected, by: SecretsFileCodec.entryKey) == expected)
        #expect(SecretsFileCodec.encode(SecretsSnapshot(entries: entries.shuffled(using: &generator)))
            == SecretsFileCodec.encode(SecretsSnapshot(entries: expected)))
    }

    @Test func roundTripsEveryField() throws {
        var adopted = SecretsFixtures.entry("site_x", "legacy", id: "wh_2", secret: nil)
        adopted.adopted = true
        var full = SecretsFixtures.entry("site_x", "ünïcode-and-control", id: "wh_1",
                                         description: "tab\there, bell \u{07}, slash / and emoji 🦊")
        full.events = ["pageview", "goal", "session_end"]
        let snapshot = SecretsSnapshot(entries: [full, adopted].sorted(by: SecretsFileCodec.entryOrder),
                                       unresolvedIntents: [SecretsFixtures.intent("int_9", site: "site_x")])
        let bytes = SecretsFileCodec.encode(snapshot)
        #expect(try SecretsFileCodec.decode(bytes) == snapshot)
        // Also plain JSON that any tool reads.
        #expect((try? JSONSerialization.jsonObject(with: Data(bytes))) != nil)
    }

    @Test func ignoresUnknownFields() throws {
        let text = """
        {"version": 1, "writtenBy": "a newer ztahooks",
         "webhooks": [{"siteId": "s", "name": "n", "id": "wh_1", "url": "https://h.example/x", "events": ["goal"],
                       "secret": "whsec_1", "createdAt": "2024-12-12T16:00:00Z", "rotatedAt": "later"}]}
        """
        let snapshot = try SecretsFileCodec.decode(Array(text.utf8))
        #expect(snapshot.entries.map(\.id) == ["wh_1"])
        #expect(snapshot.unresolvedIntents.isEmpty)
    }

    @Test func anEmptyFileReadsAsAnEmptyStore() throws {
        #expect(try SecretsFileCodec.decode(Array(" \n".utf8)) == .empty)
    }

    @Test func refusesAnotherVersion() {
        #expect(throws: SecretsFileCodec.DecodingFailure.unsupportedVersion(2)) {
            try SecretsFileCodec.decode(Array(#"{"version": 2, "entries": {}}"#.utf8))
        }
    }

    @Test func describesMalformedFilesWithoutQuotingThem() {
        #expect(throws: SecretsFileCodec.DecodingFailure.malformed("it is not valid JSON")) {
            try SecretsFileCodec.decode(Array(#"{"version": 1, "webhooks": [{"secret": "whsec_leak""#.utf8))
        }
        #expect(throws: SecretsFileCodec.DecodingFailure.malformed(#"it has no "version""#)) {
            try SecretsFileCodec.decode(Array(#"{"webhooks": []}"#.utf8))
        }
        #expect(throws: SecretsFileCodec.DecodingFailure.malformed(#"missing key "id" at .webhooks[0]"#)) {
            try SecretsFileCodec.decode(Array(#"{"version": 1, "webhooks": [{"siteId": "s", "name": "n", "url": "u", "events": [], "secret": "whsec_leak"}]}"#.utf8))
        }
        #expect(throws: SecretsFileCodec.DecodingFailure.malformed("wrong type at .webhooks[0].secret")) {
            try SecretsFileCodec.decode(Array(#"{"version": 1, "webhooks": [{"siteId": "s", "name": "n", "id": "i", "url": "u", "events": [], "secret": 7}]}"#.utf8))
        }
    }
}

struct SecretsReplacesTests {
    @Test func replacesIsWrittenInItsSortedPlaceAndReadBack() throws {
        var new = SecretsFixtures.entry("site_abc123", "ops-alerts", id: "wh_new")
        new.replaces = "wh_old"
        let old = RetiredEntry(entry: SecretsFixtures.entry("site_abc123", "ops-alerts", id: "wh_old"),
                               retiredAt: "2024-12-13T09:00:00.000Z", reason: "replaced by wh_new")
        let bytes = SecretsFileCodec.encode(SecretsSnapshot(entries: [new], retired: [old]))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("\"name\": \"ops-alerts\",\n      \"replaces\": \"wh_old\",\n      \"secret\""))
        let read = try SecretsFileCodec.decode(bytes)
        #expect(read.entries.first?.replaces == "wh_old")
        #expect(read.retired.first?.entry.replaces == nil)
        // An entry without it is written as it always was.
        #expect(!String(decoding: SecretsFileCodec.encode(SecretsSnapshot(entries: [old.entry])), as: UTF8.self).contains("replaces"))
    }

    @Test func secretsListShowsWhatEachReplacedOnlyWhenOneDid() {
        var new = SecretsFixtures.entry("site_abc123", "ops-alerts", id: "wh_new")
        let plain = SecretsListRenderer.text(SecretsSnapshot(entries: [new]), retired: false, file: "s.json")
        #expect(!plain.contains("REPLACES"))
        new.replaces = "wh_old"
        let other = SecretsFixtures.entry("site_abc123", "billing", id: "wh_b")
        let text = SecretsListRenderer.text(SecretsSnapshot(entries: [new, other]), retired: false, file: "s.json")
        let lines = text.split(separator: "\n")
        #expect(lines[0].contains("ID") && lines[0].contains("REPLACES"))
        #expect(lines[1].contains("wh_new") && lines[1].contains("wh_old"))
        #expect(lines[2].contains("wh_b") && lines[2].contains(" - "))
        #expect(SecretsListRenderer.json(SecretsSnapshot(entries: [new]), retired: false).contains("\"replaces\" : \"wh_old\""))
        #expect(!SecretsListRenderer.json(SecretsSnapshot(entries: [other]), retired: false).contains("replaces"))
    }
}
