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

    /// Expected texts are what node 20 prints for `JSON.stringify` of the number literal.
    @Test(arguments: [
        ("0.1", "0.1"), ("1.5", "1.5"), ("1e21", "1e+21"), ("1e-7", "1e-7"), ("-0.0", "0"), ("123456789.123", "123456789.123"),
        ("12345678901234567890", "12345678901234567000"), ("9007199254740993", "9007199254740992"),
        ("1e20", "100000000000000000000"), ("1e-6", "0.000001"), ("0.000001234", "0.000001234"), ("-1e-7", "-1e-7"),
        ("1e300", "1e+300"), ("5e-324", "5e-324"), ("1.7976931348623157e308", "1.7976931348623157e+308"), ("100", "100"),
        ("-42.5", "-42.5"), ("123e-20", "1.23e-18"), ("1.5e21", "1.5e+21"),
    ])
    func numbersAreWrittenAsJavaScriptWritesThem(literal: String, text: String) throws {
        // Parsed at run time: as Swift literals several would draw precision warnings.
        #expect(JSONValue.javaScriptNumber(try #require(Double(literal))) == text)
    }

    @Test func numbersThatJSONCannotHoldBecomeNull() {
        #expect(JSONValue.javaScriptNumber(.infinity) == "null")
        #expect(JSONValue.javaScriptNumber(.nan) == "null")
    }
}
