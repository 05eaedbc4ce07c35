import Foundation

/// How `ztahooks validate` shows a load result: for people, for scripts, for GitHub Actions.
///
/// File names come from the disk and messages quote values from the files, so the text and
/// GitHub formats pass both through `DisplayText`; JSON escapes control characters itself.
public enum ValidationReport {
    /// One `FILE:LINE:COLUMN: error: MESSAGE (hint)` line per diagnostic, then the summary.
    /// `color` paints the severity word (red errors, yellow warnings).
    public static func text(_ result: SiteLoadResult, color: Bool = false) -> String {
        var output = ""
        for diagnostic in result.diagnostics {
            output += line(for: diagnostic, color: color) + "\n"
        }
        return output + summary(result) + "\n"
    }

    /// `3 files, 12 webhooks: 2 errors, 1 warning`.
    public static func summary(_ result: SiteLoadResult) -> String {
        "\(count(result.fileCount, "file")), \(count(result.webhookCount, "webhook")): "
            + "\(count(result.errorCount, "error")), \(count(result.warningCount, "warning"))"
    }

    /// A stable JSON object with sorted keys; `hint` is null when there is none.
    public static func json(_ result: SiteLoadResult) -> String {
        let report = JSONReport(
            valid: result.isValid, files: result.fileCount, webhooks: result.webhookCount,
            errors: result.errorCount, warnings: result.warningCount,
            diagnostics: result.diagnostics.map(JSONReport.Item.init)
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and numbers cannot fail.
        let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// GitHub Actions workflow commands, so that pull requests show annotations on the lines,
    /// then the text summary for the log.
    public static func github(_ result: SiteLoadResult) -> String {
        var output = ""
        for diagnostic in result.diagnostics {
            let location = diagnostic.location
            output += "::\(diagnostic.severity.rawValue) file=\(escapeProperty(location.file.displaySafe)),"
                + "line=\(location.line),col=\(location.column)::\(escapeData(diagnostic.fullMessage.displaySafe))\n"
        }
        return output + summary(result) + "\n"
    }

    /// `FILE:LINE:COLUMN: error: MESSAGE (hint)`, display-safe; `color` paints the severity word.
    public static func line(for diagnostic: Diagnostic, color: Bool) -> String {
        let location = diagnostic.location
        let severity = diagnostic.severity.rawValue + ":"
        let paint = diagnostic.severity == .error ? "\u{1B}[31m" : "\u{1B}[33m"
        return "\(location.file.displaySafe):\(location.line):\(location.column): "
            + (color ? "\(paint)\(severity)\u{1B}[0m" : severity) + " \(diagnostic.fullMessage.displaySafe)"
    }

    /// Per GitHub's toolkit (`escapeData` in @actions/core): `%` first, then CR and LF in a message.
    /// Text reaching here is display-safe already; CR and LF stay escaped for any caller that is not.
    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Per GitHub's toolkit: also `:` and `,` in a property value.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    private static func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }
}

private struct JSONReport: Encodable {
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
}
