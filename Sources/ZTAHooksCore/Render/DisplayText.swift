/// Makes text that came from outside (the API, a site file, a file name) safe to show.
///
/// Anyone with a token for a site can create a webhook whose URL carries `ESC [2K`, a carriage
/// return and a newline; printed raw, it erases a "- delete" line of a plan and draws a fake one.
/// Every string from outside passes through here before it reaches a terminal, a CI log, a
/// Markdown report or an annotation: control characters (C0, DEL, C1), the Unicode line and
/// paragraph separators and the bidirectional overrides that reorder what a reader sees are shown
/// escaped, as `\u001b`. JSON output needs none of this: its encoder escapes control characters.
public enum DisplayText {
    /// `text` with every character that could redraw or reorder a display escaped as `\uXXXX`.
    public static func sanitize(_ text: some StringProtocol) -> String {
        // Nearly everything is plain printable ASCII: check the bytes once and return it as is.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return String(text) }
        return escapingUnsafe(text)
    }

    /// The same for a `String`, the usual case: a generic function is not specialised across
    /// modules, and its byte check through `StringProtocol`'s witnesses showed in apply's profile.
    public static func sanitize(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        return escapingUnsafe(text)
    }

    private static func escapingUnsafe(_ text: some StringProtocol) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                result += escaped(scalar)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// True for the characters `sanitize` escapes.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true  // C0, DEL, C1
        case 0x200E, 0x200F, 0x061C: return true  // directional marks
        case 0x2028, 0x2029: return true  // line and paragraph separators
        case 0x202A...0x202E, 0x2066...0x2069: return true  // bidirectional embeddings, overrides, isolates
        default: return false
        }
    }

    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

extension StringProtocol {
    /// This text with control characters and reordering marks escaped; see `DisplayText`.
    public var displaySafe: String { DisplayText.sanitize(self) }
}

extension String {
    /// This text with control characters and reordering marks escaped; see `DisplayText`.
    public var displaySafe: String { DisplayText.sanitize(self) }
}
