/// The JSON shape of `validate --format json`: sorted keys (by `StableJSON`), `hint` null when
/// there is none, so that scripts always see the same keys.
struct DiagnosticJSONReport: Encodable {
    struct Item: Encodable {
        var file: String
        var line: Int
        var column: Int
        var severity: String
        var message: String
        var hint: String?

        init(_ diagnostic: Diagnostic) {
            file = diagnostic.location.file
            line = diagnostic.location.line
            column = diagnostic.location.column
            severity = diagnostic.severity.rawValue
            message = diagnostic.message
            hint = diagnostic.hint
        }

        enum CodingKeys: String, CodingKey {
            case file, line, column, severity, message, hint
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(file, forKey: .file)
            try container.encode(line, forKey: .line)
            try container.encode(column, forKey: .column)
            try container.encode(severity, forKey: .severity)
            try container.encode(message, forKey: .message)
            try container.encode(hint, forKey: .hint)  // null, not absent: a stable shape
        }
    }

    var valid: Bool
    var files: Int
    var webhooks: Int
    var errors: Int
    var warnings: Int
    var diagnostics: [Item]

    init(_ diagnostics: [Diagnostic], summary: DiagnosticSummary) {
        valid = summary.isValid
        files = summary.files
        webhooks = summary.webhooks
        errors = summary.errors
        warnings = summary.warnings
        self.diagnostics = diagnostics.map(Item.init)
    }
}
