import Testing
@testable import ZTAHooksCore

struct DurationTextTests {
    @Test(arguments: [("45s", 45), ("90m", 5_400), ("36h", 129_600), ("7d", 604_800), ("2w", 1_209_600),
                      ("1d12h", 129_600), ("12h1d", 129_600), ("1h30m15s", 5_415), ("0s", 0)])
    func readsUnitsAndCombinations(text: String, seconds: Int) throws {
        #expect(try DurationText.seconds(text) == seconds)
    }

    @Test(arguments: [("", "empty duration"), ("7", "ends in a number without a unit"), ("d", "a unit without a number"),
                      ("7x", "unknown unit 'x'"), ("1d2d", "repeats the unit 'd'"), ("7 d", "unknown unit ' '"),
                      ("-7d", "unknown unit '-'"), ("99999999999999999999s", "too long"), ("7D", "unknown unit 'D'")])
    func refusesWhatItCannotReadAndSaysWhy(text: String, expected: String) {
        #expect {
            _ = try DurationText.seconds(text)
        } throws: { error in
            (error as? DurationText.Error)?.message.contains(expected) == true
        }
    }

    @Test func formatsInDaysHoursMinutesAndSeconds() {
        #expect(DurationText.format(seconds: 129_600) == "1d12h")
        #expect(DurationText.format(seconds: 1_209_600) == "14d")
        #expect(DurationText.format(seconds: 90) == "1m30s")
        #expect(DurationText.format(seconds: 0) == "0s")
    }
}
