import Foundation

/// Words for a POSIX shell: each in single quotes unless it is plainly safe.
enum ShellQuote {
    static func word(_ text: String) -> String {
        let safe = !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (CharacterSetLite.isAlphanumeric(scalar) || "-_./:=@%+,".unicodeScalars.contains(scalar))
        }
        if safe { return text }
        // Control characters never reach a command line shown to be copied.
        let printable = String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
        return "'" + printable.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    static func line(_ words: [String]) -> String {
        words.map(word).joined(separator: " ")
    }
}

enum CharacterSetLite {
    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        default: false
        }
    }
}
