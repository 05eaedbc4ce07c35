import Foundation
import Testing
@testable import ZTASim

@Suite struct JSONValueTests {
    @Test func keepsKeyOrderAndEscapesOnlyWhatJSONRequires() {
        let value = JSONValue.object([
            ("z", "quote \" backslash \\ slash / tab \t newline \n bell \u{7} é"),
            ("a", .array([true, .null])),
        ])
        #expect(value.serialized == #"{"z":"quote \" backslash \\ slash / tab \t newline \n bell \u0007 é","a":[true,null]}"#)
    }

    @Test func escapedTextParsesBackToTheOriginal() throws {
        let original = "line\u{1}\u{1f}\"\\\r\n😀"
        let data = Data(JSONValue.object([("k", .string(original))]).serialized.utf8)
        let parsed = try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
        #expect(parsed["k"] == original)
    }
}
