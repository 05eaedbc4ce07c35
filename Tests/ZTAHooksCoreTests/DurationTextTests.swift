import Testing
import ZTAHooksCore

struct DurationTextTests {
    @Test(arguments: [
        ("0", Duration.zero), ("0s", .zero), ("45s", .seconds(45)), ("90m", .seconds(5400)), ("36h", .seconds(129_600)),
        ("7d", .seconds(604_800)), ("1d12h", .seconds(129_600)), ("2w", .seconds(1_209_600)), ("1.5", .milliseconds(1500)), (" 5M ", .seconds(300)),
    ])
    func readsWhatPeopleWrite(text: String, expected: Duration) {
        #expect(DurationText.parse(text) == expected)
    }

    @Test(arguments: ["", "s", "-5s", "5x", "5 s", "h5", "1d-2h", "99999999999d", "nan"])
    func refusesWhatIsNotADuration(text: String) {
        #expect(DurationText.parse(text) == nil)
    }
}
