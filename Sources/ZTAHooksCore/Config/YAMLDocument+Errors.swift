import Foundation
import Yams

extension YAMLDocument {
    /// A Yams error as a problem at the parser's line and column, never past the end of `text`.
    static func problem(from error: any Error, in text: String) -> YAMLSafety.Problem {
        guard let yamlError = error as? YamlError else {
            return YAMLSafety.Problem(line: 1, column: 1, message: "invalid YAML: \(error)", hint: nil)
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let end = endPosition(of: text)
            let at = clamped(mark, to: end)
            if problem.contains("Maximum nesting level") || context?.text.contains("Maximum nesting level") == true {
                return YAMLSafety.Problem(
                    line: at.line, column: at.column,
                    message: "nested more than \(SiteFormat.maxNestingDepth) levels deep; a site file needs 4",
                    hint: nil
                )
            }
            var message = "invalid YAML: \(problem)"
            if let context, !context.text.isEmpty {
                let contextAt = clamped(context.mark, to: end)
                message += " (\(context.text) at line \(contextAt.line), column \(contextAt.column))"
            }
            return YAMLSafety.Problem(line: at.line, column: at.column, message: message, hint: nil)
        case .reader(let problem, let offset, _, let yaml):
            let position = offset.map { characterPosition($0, in: yaml) } ?? Position(line: 1, column: 1)
            return YAMLSafety.Problem(
                line: position.line, column: position.column, message: "invalid YAML: \(problem)", hint: nil
            )
        case .duplicatedKeysInMapping(let duplicates, let context):
            return YAMLSafety.Problem(
                line: context.mark.line, column: context.mark.column,
                message: "duplicate key '\(duplicates.first ?? "")'", hint: nil
            )
        default:
            return YAMLSafety.Problem(line: 1, column: 1, message: "invalid YAML: \(yamlError)", hint: nil)
        }
    }

    static func mark(of error: YamlError) -> Mark? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark
        case .duplicatedKeysInMapping(_, let context): context.mark
        default: nil
        }
    }

    /// libyaml ends a stream that lacks a final line break with one of its own, so a problem at
    /// the end of such a file is reported on a line after the last: an editor cannot go there.
    /// It is moved to the end of the last line.
    private static func clamped(_ mark: Mark, to end: Position) -> Position {
        clamped(Position(line: mark.line, column: mark.column), to: end)
    }

    private static func clamped(_ position: Position, to end: Position) -> Position {
        (position.line, position.column) > (end.line, end.column) ? end : position
    }

    /// The diagnostics of a walk of `contents`' tree, none past the end of the text. libyaml
    /// marks a node it makes at the very end (an empty value, such as the empty document of
    /// `---` and a comment) on the line after the last when the file lacks a final line break,
    /// as it does its problems: such a diagnostic moves to the end of the last line too. Found by
    /// the site-file fuzzer.
    static func clamped(_ diagnostics: [Diagnostic], toEndOf contents: Data) -> [Diagnostic] {
        guard !diagnostics.isEmpty else { return diagnostics }
        let end = endPosition(of: String(decoding: withoutByteOrderMark(contents), as: UTF8.self))
        return diagnostics.map { diagnostic in
            var diagnostic = diagnostic
            let at = clamped(Position(line: diagnostic.location.line, column: diagnostic.location.column), to: end)
            diagnostic.location.line = at.line
            diagnostic.location.column = at.column
            return diagnostic
        }
    }

    /// Where the text ends, counted as libyaml counts: lines broken by LF, CR, CRLF, NEL, LS
    /// and PS, columns in Unicode scalars, both 1-based.
    static func endPosition(of text: String) -> Position {
        var line = 1
        var column = 1
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n" where previous == "\r":
                break
            case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}":
                line += 1
                column = 1
            default:
                column += 1
            }
            previous = scalar
        }
        return Position(line: line, column: column)
    }

    /// Yams reports reader problems as a character offset.
    private static func characterPosition(_ offset: Int, in text: String) -> Position {
        var line = 1
        var column = 1
        for character in text.prefix(offset) {
            if character.isNewline {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return Position(line: line, column: column)
    }
}
