import Yams

extension YAMLDocument {
    /// A Yams error as a problem at the parser's line and column.
    static func problem(from error: any Error) -> YAMLSafety.Problem {
        guard let yamlError = error as? YamlError else {
            return YAMLSafety.Problem(line: 1, column: 1, message: "invalid YAML: \(error)", hint: nil)
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            if problem.contains("Maximum nesting level") || context?.text.contains("Maximum nesting level") == true {
                return YAMLSafety.Problem(
                    line: mark.line, column: mark.column,
                    message: "nested more than \(SiteFormat.maxNestingDepth) levels deep; a site file needs 4",
                    hint: nil
                )
            }
            var message = "invalid YAML: \(problem)"
            if let context, !context.text.isEmpty {
                message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            return YAMLSafety.Problem(line: mark.line, column: mark.column, message: message, hint: nil)
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
