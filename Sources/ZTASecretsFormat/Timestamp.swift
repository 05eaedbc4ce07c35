import Foundation

/// Timestamps as the API writes them: ISO 8601, UTC, milliseconds (`2024-12-12T16:00:00.000Z`).
public enum Timestamp {
    /// Reads a timestamp as the API or the secrets file writes it (any RFC 3339 form).
    public static func parse(_ text: String) -> Date? { ISO8601Timestamp.parse(text) }

    public static func format(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        // Written digit by digit: `String(format:)` cost more than the rest of a create's
        // bookkeeping together in profiles of apply.
        var text = ""
        text.reserveCapacity(24)
        func append(_ value: Int, width: Int) {
            let digits = String(value)
            if digits.count < width { text += String(repeating: "0", count: width - digits.count) }
            text += digits
        }
        append(Int(parts.tm_year) + 1900, width: 4)
        text += "-"
        append(Int(parts.tm_mon) + 1, width: 2)
        text += "-"
        append(Int(parts.tm_mday), width: 2)
        text += "T"
        append(Int(parts.tm_hour), width: 2)
        text += ":"
        append(Int(parts.tm_min), width: 2)
        text += ":"
        append(Int(parts.tm_sec), width: 2)
        text += "."
        append(Int(millis - seconds * 1000), width: 3)
        text += "Z"
        return text
    }
}
