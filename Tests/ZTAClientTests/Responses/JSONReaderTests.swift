import Foundation
import Testing
import ZTAHooksCore
@testable import ZTAClient

/// Each corner of JSON the reader decides, decided as `JSONDecoder` decides it: every case is
/// checked against the Codable oracle as well as against the expected reading.
@Suite struct JSONReaderTests {
    private static let accepted = "accepted"

    /// A list answer whose one webhook carries `value` in a field nobody reads, or in `url`.
    private static func list(url: String = #""https://a.example/x""#, ignored: String = "0") -> [UInt8] {
        Array(#"{"webhooks": [{"id": "wh_1", "url": "#.utf8) + Array(url.utf8) + Array(#", "events": [], "note": "#.utf8)
            + Array(ignored.utf8) + Array("}]}".utf8)
    }

    private func outcome(_ bytes: [UInt8]) -> String {
        let body = Data(bytes)
        let new = WireDecoding.webhookList(body)
        #expect(DecoderEquivalenceTests.compare(new, CodableOracle.webhookList(body)) == nil, "differs from JSONDecoder")
        switch new {
        case .success: return Self.accepted
        case .failure(let problem): return problem.description
        }
    }

    @Test(arguments: [
        // Strings that are read: every escape, surrogate pairs, and what JSONDecoder refuses.
        (#""\"\\\/\b\f\n\r\t\u00e9\u00E9\ud83d\ude00\u0000""#, accepted),
        (#""\q""#, "the answer is not valid JSON"),
        (#""\u12G4""#, "the answer is not valid JSON"),
        (#""\ud800""#, "the answer is not valid JSON"),
        (#""\udc00""#, "the answer is not valid JSON"),
        (#""\ud83d\u0041""#, "the answer is not valid JSON"),
        ("\"a\u{01}b\"", "the answer is not valid JSON"),
        ("\"a\u{7F}b\"", accepted),
        // Numbers and other kinds where a string belongs.
        ("1", "field 'webhooks[0].url' is not a string"),
        ("true", "field 'webhooks[0].url' is not a string"),
        ("null", "field 'webhooks[0].url' is null"),
    ])
    func readStringsAreJudgedAsJSONDecoderJudgesThem(url: String, expected: String) {
        #expect(outcome(Self.list(url: url)) == expected)
    }

    @Test(arguments: [
        // A value nobody reads: its structure is checked, a string's contents are not.
        (#""\q\ud800\udc00""#, accepted),
        ("\"a\u{01}b\"", accepted),
        (#""\u12G4""#, accepted),
        (#""\u00""#, "the answer is not valid JSON"),  // the quote falls inside the \u escape
        ("01", accepted),
        ("1.", accepted),
        ("-", accepted),
        ("1e5.5", accepted),
        (".5", "the answer is not valid JSON"),
        ("+1", "the answer is not valid JSON"),
        ("1a", "the answer is not valid JSON"),
        ("tru", "the answer is not valid JSON"),
        ("NaN", "the answer is not valid JSON"),
        ("[1,]", accepted),
        (#"{"a":1,}"#, accepted),
        ("[,]", "the answer is not valid JSON"),
        ("[1,,2]", "the answer is not valid JSON"),
        ("{,}", "the answer is not valid JSON"),
        (#"{"\q":1}"#, accepted),  // keys of an object nobody reads are not decoded
    ])
    func ignoredValuesAreCheckedAsStructureOnly(value: String, expected: String) {
        #expect(outcome(Self.list(ignored: value)) == expected)
    }

    @Test func invalidUTF8IsRefusedWhereReadOnly() {
        let valid = Array(#"{"webhooks": [{"id": "wh_1", "url": "#.utf8)
        let rest = Array(#", "events": []}]}"#.utf8)
        for bytes: [UInt8] in [[0xC3, 0x28], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0xE2, 0x82]] {
            let quoted = [0x22] + bytes + [0x22]
            #expect(outcome(valid + quoted + rest) == "the answer is not valid JSON")
            #expect(outcome(Array(Self.list().dropLast(3)) + Array(#", "x": "#.utf8) + quoted + Array("}]}".utf8)) == Self.accepted)
        }
        // A key is always decoded, even one nobody reads.
        #expect(outcome(Array(#"{"webhooks": [], ""#.utf8) + [0xFF] + Array(#"": 1}"#.utf8)) == "the answer is not valid JSON")
    }

    @Test func framingIsJudgedAsJSONDecoderJudgesIt() {
        let answer = Array(#"{"webhooks": []}"#.utf8)
        #expect(outcome([0xEF, 0xBB, 0xBF] + answer) == Self.accepted)
        #expect(outcome([0x20, 0xEF, 0xBB, 0xBF] + answer) == "the answer is not valid JSON")
        #expect(outcome(answer + Array(" \t\r\n".utf8)) == Self.accepted)
        #expect(outcome(answer + Array(" x".utf8)) == "the answer is not valid JSON")
        #expect(outcome(answer + [0x00]) == "the answer is not valid JSON")
        #expect(outcome([0x0C] + answer) == "the answer is not valid JSON")
        #expect(outcome([]) == "the answer is not valid JSON")
        #expect(outcome(Array("null".utf8)) == "field '' is null")
        #expect(outcome(Array(#""x""#.utf8)) == "the answer is not the expected JSON object")
        let utf16 = Array(String(decoding: answer, as: UTF8.self).utf16)
        #expect(outcome(utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }) == Self.accepted)
        #expect(outcome([0xFE, 0xFF] + utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }) == Self.accepted)
        // Found by the fuzzer: three bytes with a zero second are not UTF-16 to JSONDecoder; two are.
        #expect(outcome([0x32, 0x00, 0x08]) == "the answer is not valid JSON")
        #expect(outcome([0x31, 0x00]) == "the answer is not the expected JSON object")
    }

    @Test func nestingStopsAt512Levels() {
        func nested(_ depth: Int) -> [UInt8] {
            // The envelope object is one level; the ignored value brings the rest.
            Self.list(ignored: String(repeating: "[", count: depth - 3) + String(repeating: "]", count: depth - 3))
        }
        #expect(outcome(nested(512)) == Self.accepted)
        #expect(outcome(nested(513)) == "the answer is not valid JSON")
        // Far deeper than any stack would take through recursion: refused, not crashed.
        let hostile = Array(repeating: UInt8(0x5B), count: 1_000_000)
        #expect(WireDecoding.webhookList(Data(hostile)) == .failure(.notJSON))
    }

    @Test func theFirstOfDuplicateKeysWins() {
        #expect(outcome(Array(#"{"webhooks": [{"id": "a", "id": 1, "url": "u", "events": []}]}"#.utf8)) == Self.accepted)
        #expect(outcome(Array(#"{"webhooks": [{"id": 1, "id": "a", "url": "u", "events": []}]}"#.utf8))
            == "field 'webhooks[0].id' is not a string")
        #expect(outcome(Array(#"{"webhooks": [{"id": null, "\u0069d": "a", "url": "u", "events": []}]}"#.utf8))
            == "field 'webhooks[0].id' is null")
    }

    /// A list answer's secret is skipped as structure: a malformed one does not even fail it.
    @Test func aListAnswersSecretIsNeverDecoded() throws {
        let body = Array(#"{"webhooks": [{"id": "wh_1", "url": "u", "events": [], "secret": "whsec_\q\ud800"#.utf8)
            + [0xFF] + Array(#""}]}"#.utf8)
        #expect(outcome(body) == Self.accepted)
        let created = Data(#"{"webhook": {"id": "wh_1", "url": "u", "events": [], "secret": "whsec_\q"}}"#.utf8)
        #expect(WireDecoding.createdWebhook(created) == .failure(.notJSON))
    }

    @Test func faultsAreNamedInTheOrderTheFieldsWereDecoded() {
        // `url` comes first in the answer, `id` first in the decoding.
        #expect(outcome(Array(#"{"webhooks": [{"url": 1, "events": []}]}"#.utf8)) == "field 'webhooks[0].id' is missing")
        #expect(outcome(Array(#"{"webhooks": [{"id": "a", "url": "u", "events": ["e", null, 1]}]}"#.utf8))
            == "field 'webhooks[0].events[1]' is null")
        #expect(outcome(Array(#"{"webhooks": [{"id": "a", "url": "u", "events": [], "active": 1}]}"#.utf8))
            == "field 'webhooks[0].active' is not true or false")
        #expect(outcome(Array(#"{"webhooks": [null]}"#.utf8)) == "field 'webhooks[0]' is null")
        #expect(outcome(Array(#"{"webhooks": ["x"]}"#.utf8)) == "field 'webhooks[0]' is not an object")
        #expect(outcome(Array(#"{"webhooks": {}}"#.utf8)) == "field 'webhooks' is not a list")
        // A malformed string in a later webhook does not hide a fault in an earlier one...
        #expect(outcome(Array(#"{"webhooks": [{"id": "a"}, {"id": "\q"}]}"#.utf8)) == "field 'webhooks[0].url' is missing")
        // ...but a malformed key of the envelope does, since its keys are decoded first.
        #expect(outcome(Array(#"{"webhooks": [{"id": "a"}], "\q": 1}"#.utf8)) == "the answer is not valid JSON")
    }

    @Test func createdAnswersTakeTheSecretWhereTheCodableDecodingTookIt() {
        func created(_ json: String) -> String {
            let body = Data(json.utf8)
            let new = WireDecoding.createdWebhook(body)
            #expect(DecoderEquivalenceTests.compare(new, CodableOracle.createdWebhook(body)) == nil, "differs from JSONDecoder")
            switch new {
            case .success(let value): return value.secret
            case .failure(let problem): return problem.description
            }
        }
        let webhook = #""id": "wh_1", "url": "u", "events": []"#
        #expect(created(#"{"webhook": {\#(webhook), "secret": "whsec_in"}, "secret": "whsec_out"}"#) == "whsec_in")
        #expect(created(#"{"webhook": {\#(webhook)}, "secret": "whsec_out"}"#) == "whsec_out")
        #expect(created(#"{\#(webhook), "secret": "whsec_bare"}"#) == "whsec_bare")
        #expect(created(#"{\#(webhook)}"#) == "field 'secret' is missing")
        #expect(created(#"{"webhook": {\#(webhook)}}"#) == "field 'webhook.secret' is missing")
        #expect(created(#"{"webhook": null, \#(webhook), "secret": "s"}"#) == "field 'webhook' is null")
        #expect(created(#"{"webhook": [], "secret": "s"}"#) == "field 'webhook' is not an object")
        #expect(created(#"{"webhook": {"id": "wh_1", "url": "u"}, "secret": "s"}"#) == "field 'webhook.events' is missing")
        #expect(created("[]") == "the answer is not the expected JSON object")
    }
}
