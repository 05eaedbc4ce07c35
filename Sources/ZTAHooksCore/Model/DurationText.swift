import Foundation

/// Durations as people write them on a command line: `30s`, `5m`, `36h`, `7d`, `1d12h`; a bare
/// number is seconds.
public enum DurationText {
    /// The duration, or `nil` when the text is not one (empty, negative, an unknown unit).
    public static func parse(_ text: String) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !trimmed.isEmpty else { return nil }
        if let seconds = Double(trimmed), seconds >= 0, seconds.isFinite { return .milliseconds(Int64(seconds * 1000)) }
        var total: Int64 = 0
        var number = ""
        for character in trimmed {
            if character.isASCII && character.isNumber {
                number.append(character)
                continue
            }
            let unit: Int64
            switch character {
            case "s": unit = 1
            case "m": unit = 60
            case "h": unit = 3600
            case "d": unit = 86_400
            case "w": unit = 604_800
            default: return nil
            }
            guard let value = Int64(number), value <= 1_000_000 else { return nil }
            total += value * unit
            number = ""
        }
        guard number.isEmpty else { return nil }
        return .seconds(total)
    }
}
