import Foundation

/// Reads a retired entry's `retiredAt`, as ztahooks writes it (`2024-12-20T09:00:00.000Z`), or
/// without its fractional seconds.
enum RetiredTime {
    static func parse(_ text: String) -> Date? {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = withFraction.date(from: text) { return date }
        return ISO8601DateFormatter().date(from: text)
    }
}
