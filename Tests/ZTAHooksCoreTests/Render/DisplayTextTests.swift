import Testing
@testable import ZTAHooksCore

/// The sanitiser every string from outside passes through before it is shown.
struct DisplayTextTests {
    @Test func plainASCIIAndOrdinaryUnicodeStayAsTheyAre() {
        #expect(DisplayText.sanitize("https://hooks.example.com/zta?a=1&b=%20") == "https://hooks.example.com/zta?a=1&b=%20")
        #expect(DisplayText.sanitize("café → naïve −goal ✓ 日本 🎉") == "café → naïve −goal ✓ 日本 🎉")
        #expect(DisplayText.sanitize("") == "")
    }

    @Test func theTerminalAttackOfTheIssueIsShownEscaped() {
        let hostile = "https://a.example.com/\u{1B}[2K\r\n+ create fake"
        #expect(DisplayText.sanitize(hostile) == #"https://a.example.com/\u001b[2K\u000d\u000a+ create fake"#)
    }

    @Test func everyC0CharacterDELAndC1AreEscapedWithFourHexDigits() {
        for value in Array(0x00...0x1F) + Array(0x7F...0x9F) {
            let scalar = Unicode.Scalar(UInt32(value))!
            let shown = DisplayText.sanitize("a" + String(Character(scalar)) + "b")
            #expect(shown == "a\\u" + hex4(value) + "b", "U+\(hex4(value))")
        }
        #expect(DisplayText.sanitize("\u{7}") == #"\u0007"#)
        #expect(DisplayText.sanitize("\u{9B}2K") == #"\u009b2K"#)
        #expect(DisplayText.sanitize("\t") == #"\u0009"#)
    }

    @Test func reorderingMarksAndLineSeparatorsAreEscaped() {
        #expect(DisplayText.sanitize("evil\u{202E}lmth.exe") == #"evil\u202elmth.exe"#)
        for value in [0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069] {
            let scalar = Unicode.Scalar(UInt32(value))!
            #expect(DisplayText.sanitize(String(Character(scalar))) == "\\u" + hex4(value), "U+\(hex4(value))")
        }
        // Neighbours of the escaped ranges are ordinary characters.
        for value in [0xA0, 0x2027, 0x202F, 0x2065, 0x206A] {
            let scalar = Unicode.Scalar(UInt32(value))!
            #expect(!DisplayText.isUnsafe(scalar), "U+\(hex4(value))")
        }
    }

    @Test func theResultHoldsNoUnsafeScalarAndSanitisingTwiceChangesNothing() {
        let hostile = "\u{1B}]0;title\u{7}\u{1B}[31m\r\n\u{0}\u{7F}\u{85}\u{9B}\u{2028}\u{202E}\u{2066}x"
        let once = DisplayText.sanitize(hostile)
        #expect(!once.unicodeScalars.contains(where: DisplayText.isUnsafe))
        #expect(DisplayText.sanitize(once) == once)
        #expect(once.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F })
    }

    @Test func aCarriageReturnLineFeedPairIsTwoEscapes() {
        // "\r\n" is one Swift Character; each of its scalars is escaped.
        #expect(DisplayText.sanitize("a\r\nb") == #"a\u000d\u000ab"#)
    }

    @Test func substringsAndTheStringPropertyAgree() {
        let text = "x\u{1B}y"
        #expect(text.displaySafe == #"x\u001by"#)
        #expect(text.dropFirst().displaySafe == #"\u001by"#)
    }

    private func hex4(_ value: Int) -> String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 4 - hex.count) + hex
    }
}
