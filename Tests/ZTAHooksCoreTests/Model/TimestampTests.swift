import Foundation
import Testing
import ZTAHooksCore

/// Timestamps in the API's own form, to the millisecond, in UTC.
struct TimestampTests {
    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00.000Z"),
        (1_734_019_200.0, "2024-12-12T16:00:00.000Z"),
        (1_734_019_200.123, "2024-12-12T16:00:00.123Z"),
        (1_734_019_200.9999, "2024-12-12T16:00:00.999Z"),
        (-0.5, "1969-12-31T23:59:59.500Z"),
        (253_402_300_799.5, "9999-12-31T23:59:59.500Z"),
        (-61_000_000_000.0, "0036-12-26T11:33:20.000Z"),
    ])
    func formatsAsTheAPIWritesThem(seconds: Double, expected: String) {
        #expect(Timestamp.format(Date(timeIntervalSince1970: seconds)) == expected)
    }
}
