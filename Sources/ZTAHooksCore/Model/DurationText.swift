/// Durations as people type them on a command line: `45s`, `90m`, `36h`, `7d`, `2w`, `1d12h`.
///
/// Whole numbers with a unit each, largest first or not, no spaces; a bare number is refused
/// because `--stale-after 7` could mean seconds or days and a wrong guess silences an alert.
public enum DurationText {
    /// Why a duration could not be read; `message` says how to write one.
    public struct Error: Swift.Error, Hashable, Sendable {
        public var message: String
    }

    /// Seconds per unit letter.
    static let units: [Character: Int] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800]

    /// The number of seconds `text` stands for.
    public static func seconds(_ text: String) throws(Error) -> Int {
        let example = "write it like 45s, 90m, 36h, 7d, 2w or 1d12h"
        guard !text.isEmpty else { throw Error(message: "empty duration; \(example)") }
        var total = 0
        var number: Int?
        var seen = Set<Character>()
        for character in text {
            if let digit = character.wholeNumberValue, character.isASCII {
                let (shifted, overflowA) = (number ?? 0).multipliedReportingOverflow(by: 10)
                let (next, overflowB) = shifted.addingReportingOverflow(digit)
                guard !overflowA, !overflowB else { throw Error(message: "duration '\(text)' is too long") }
                number = next
            } else if let unit = units[character] {
                guard let value = number else {
                    throw Error(message: "duration '\(text)' has a unit without a number; \(example)")
                }
                guard seen.insert(character).inserted else {
                    throw Error(message: "duration '\(text)' repeats the unit '\(character)'; \(example)")
                }
                let (part, overflowA) = value.multipliedReportingOverflow(by: unit)
                let (sum, overflowB) = total.addingReportingOverflow(part)
                guard !overflowA, !overflowB else { throw Error(message: "duration '\(text)' is too long") }
                total = sum
                number = nil
            } else {
                throw Error(message: "duration '\(text)' has an unknown unit '\(character)'; use s, m, h, d or w; \(example)")
            }
        }
        if number != nil {
            throw Error(message: "duration '\(text)' ends in a number without a unit; \(example)")
        }
        return total
    }

    /// `seconds` in days, hours, minutes and seconds: `1d12h`, `1m30s`. Weeks are read but not
    /// written, so that `--stale-after 14d` comes back as `14d`.
    public static func format(seconds: Int) -> String {
        guard seconds > 0 else { return "0s" }
        var rest = seconds
        var out = ""
        for (letter, size) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] where rest >= size {
            out += "\(rest / size)\(letter)"
            rest %= size
        }
        return out
    }
}
