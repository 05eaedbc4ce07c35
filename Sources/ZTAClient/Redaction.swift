import Foundation

/// Last line of defence for anything the client puts into an error: signing secrets and the
/// bearer token are replaced, whatever the server chose to echo.
package enum Redaction {
    static let placeholder = "<redacted>"
    /// Server text is quoted, not dumped: long answers are cut here.
    package static let maxQuotedCharacters = 300

    /// Redacts `whsec_...` secrets and the given tokens, drops control characters and caps the length.
    static func scrub(_ text: String, tokens: [String] = [], maxCharacters: Int? = maxQuotedCharacters) -> String {
        var result = ""
                var scalars = Substring(text).unicodeScalars[...]
        while let scalar = scalars.first {
            if scalars.starts(with: "whsec_".unicodeScalars) {
                result += placeholder
                scalars = scalars.drop(while: { !isSeparator($0) })
                continue
            }
            scalars = scalars.dropFirst()
            if scalar.properties.generalCategory == .control {
                result.unicodeScalars.append(" ")
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        for token in tokens where token.count >= 4 {
            result = result.replacingOccurrences(of: token, with: placeholder)
        }
        result = result.trimmingCharacters(in: .whitespaces)
        if let maxCharacters, result.count > maxCharacters {
            result = String(result.prefix(maxCharacters)) + "…"
        }
        return result
    }

    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        !(scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-")
    }
}
