/// The site-file format in one place: keys, patterns and caps.
///
/// The validator and the JSON Schema both read these, so that the two cannot drift apart.
public enum SiteFormat {
    /// Keys allowed at the top level of a site file, in the order the reference lists them.
    public static let siteKeys = ["site", "prune", "webhooks"]
    /// Keys allowed in one webhook.
    public static let webhookKeys = ["name", "url", "events", "description"]

    /// A ZTA site ID: letters, digits, `_` and `-`.
    public static let sitePattern = "^[A-Za-z0-9_-]{1,\(siteMaxLength)}$"
    public static let siteMaxLength = 64

    /// A webhook name: lowercase words of letters and digits joined by single dashes.
    public static let namePattern = "^[a-z0-9]+(-[a-z0-9]+)*$"
    public static let nameMaxLength = 63

    /// An absolute `https://` URL with a host, without credentials, fragment or whitespace.
    public static let urlPattern = "^https://[^/?#@\\s]+([/?][^#\\s]*)?$"

    public static let descriptionMaxLength = 500

    /// Files larger than this are refused before parsing.
    public static let maxFileBytes = 1 << 20
    /// Nodes in one document once aliases are expanded; a real site file has a few hundred.
    public static let maxExpandedNodes = 10_000
    /// Nesting depth of one document; a real site file has four levels.
    public static let maxNestingDepth = 64

    /// Whether `value` is a valid site ID (the same language as `sitePattern`).
    public static func isValidSiteID(_ value: String) -> Bool {
        let bytes = value.utf8
        guard !bytes.isEmpty, bytes.count <= siteMaxLength else { return false }
        return bytes.allSatisfy { isASCIILetterOrDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    /// Whether `value` matches `namePattern` (length is checked separately).
    public static func isValidWebhookName(_ value: String) -> Bool {
        var previousWasDash = true  // a leading dash is as bad as a double one
        for byte in value.utf8 {
            if byte == UInt8(ascii: "-") {
                if previousWasDash { return false }
                previousWasDash = true
            } else if isLowercaseLetterOrDigit(byte) {
                previousWasDash = false
            } else {
                return false
            }
        }
        return !previousWasDash
    }

    /// A valid name close to `value` (`Ops_Alerts` → `ops-alerts`), or nil when none is obvious.
    public static func suggestedWebhookName(for value: String) -> String? {
        var words: [String] = []
        var current = ""
        for character in value.lowercased() {
            if let ascii = character.asciiValue, isLowercaseLetterOrDigit(ascii) {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        let suggestion = String(words.joined(separator: "-").prefix(nameMaxLength))
        guard !suggestion.isEmpty, suggestion != value, isValidWebhookName(suggestion) else { return nil }
        return suggestion
    }

    private static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
        isLowercaseLetterOrDigit(byte) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private static func isLowercaseLetterOrDigit(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}
