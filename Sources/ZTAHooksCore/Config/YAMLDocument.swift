import Yams

/// One site file's text composed by Yams into a node tree.
///
/// Yams refuses a mapping with a repeated key and names only the first occurrence, which would
/// hide every other problem in the file. So a duplicate key's first occurrence is renamed in the
/// text (one character swapped for a private-use one, which keeps every line and column) and the
/// text composed again; the walk of the tree maps renamed keys back and reports the duplicate
/// where it should be: at the second occurrence.
struct YAMLDocument {
    struct Position: Hashable {
        var line: Int
        var column: Int
    }

    /// The first document's root; nil for an empty file (or one of comments only).
    var root: Node?
    /// Set when the file holds a second document: where it starts.
    var extraDocument: Position?
    /// Keys renamed to get past Yams' duplicate check: their position and original text.
    var renamedKeys: [Position: String] = [:]

    /// The text of a mapping key as the user wrote it; nil for a key that is not a scalar.
    func keyText(_ key: Node) -> String? {
        guard case .scalar(let scalar) = key else { return nil }
        if !renamedKeys.isEmpty, let mark = scalar.mark, let original = renamedKeys[Position(line: mark.line, column: mark.column)] {
            return original
        }
        return scalar.string
    }

    /// Renaming round trips are capped, in number and in bytes parsed again, so that a file of
    /// nothing but repeated keys costs about two parses.
    static let maxRenamedKeys = 32
    static let maxReparsedBytes = 2 << 20

    static func compose(_ text: String) throws(YAMLSafety.ProblemError) -> YAMLDocument {
        if let root = YAMLFastComposer.compose(text) { return YAMLDocument(root: root) }
        var text = text
        var renamed: [Position: String] = [:]
        while true {
            do {
                var document = try composeOnce(text)
                document.renamedKeys = renamed
                return document
            } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
                let position = Position(line: context.mark.line, column: context.mark.column)
                let reparsedBytes = (renamed.count + 1) * text.utf8.count
                guard let name = duplicates.first, renamed.count < maxRenamedKeys, reparsedBytes <= maxReparsedBytes,
                    renamed[position] == nil,
                    let edited = renameKey(in: text, at: position, serial: renamed.count)
                else {
                    throw YAMLSafety.ProblemError(YAMLSafety.Problem(
                        line: position.line, column: position.column,
                        message: "duplicate key '\(duplicates.first ?? "")'", hint: "remove one of them"
                    ))
                }
                renamed[position] = name
                text = edited
            } catch {
                throw YAMLSafety.ProblemError(problem(from: error, in: text))
            }
        }
    }

    private static func composeOnce(_ text: String) throws -> YAMLDocument {
        // The basic resolver leaves every plain scalar as text: typing is YAMLValueKind's job, and
        // it spares a regular expression per scalar. An explicit encoding spares Yams a read of
        // the whole environment per file.
        let parser = try Parser(yaml: text, resolver: .basic, encoding: .utf8)
        guard let root = try parser.nextRoot() else { return YAMLDocument(root: nil) }
        var extra: Position?
        do {
            if let second = try parser.nextRoot() {
                extra = documentMarker(in: text, before: second.mark?.line ?? Int.max)
            }
        } catch {
            let line = (error as? YamlError).flatMap(mark(of:))?.line ?? Int.max
            extra = documentMarker(in: text, before: line)
        }
        return YAMLDocument(root: root, extraDocument: extra)
    }

    /// The last `---` line at or before `line`: where a second document begins.
    private static func documentMarker(in text: String, before line: Int) -> Position {
        var current = 1
        var found = 1
        for lineText in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current > line { break }
            if lineText.hasPrefix("---"), lineText.count == 3 || lineText.dropFirst(3).first?.isWhitespace == true {
                found = current
            }
            current += 1
        }
        return Position(line: found, column: 1)
    }

    /// The text with the key at `position` made unique; nil when there is no character to swap.
    private static func renameKey(in text: String, at position: Position, serial: Int) -> String? {
        var scalars = Array(text.unicodeScalars)
        guard var index = scalarIndex(in: scalars, at: position) else { return nil }
        let first = scalars[index]
        if first == "\"" || first == "'" {
            index += 1
            guard index < scalars.count, scalars[index] != first else { return nil }
        }
        guard let marker = Unicode.Scalar(0xE000 + UInt32(serial)) else { return nil }
        scalars[index] = marker
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }

    /// Counts lines and columns as libyaml does (CR, LF, CRLF, NEL, LS and PS break lines).
    private static func scalarIndex(in scalars: [Unicode.Scalar], at position: Position) -> Int? {
        var line = 1
        var column = 1
        var i = 0
        while i < scalars.count {
            if line == position.line, column == position.column { return i }
            switch scalars[i] {
            case "\r":
                if i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
                line += 1
                column = 1
            case "\n", "\u{85}", "\u{2028}", "\u{2029}":
                line += 1
                column = 1
            default:
                column += 1
            }
            i += 1
        }
        return nil
    }
}
