/// Renders diagnostics and their summary in every format `validate` offers: text for people,
/// JSON for scripts, GitHub workflow commands for pull-request annotations, SARIF 2.1.0 for code
/// scanning. Commands that only
/// report problems on the way (plan, apply) print its text lines.
///
/// File names come from the disk and messages quote values from the files, so the text and
/// GitHub formats pass both through `DisplayText`; JSON and SARIF escape control characters themselves.
public struct DiagnosticPrinter: Sendable {
    public enum Format: String, CaseIterable, Sendable {
        case text, json, github, sarif
    }

    public var format: Format
    /// Paints the severity word of text lines (red errors, yellow warnings); machine formats ignore it.
    public var color: Bool

    public init(format: Format = .text, color: Bool = false) {
        self.format = format
        self.color = color
    }

    /// Every diagnostic, in the order given, then the summary; ends with a newline.
    public func render(_ diagnostics: [Diagnostic], summary: DiagnosticSummary) -> String {
        switch format {
        case .text:
            diagnostics.map { line(for: $0) + "\n" }.joined() + summary.text + "\n"
        case .github:
            // The summary stays plain text: it is for the job log, not an annotation.
            diagnostics.map { Self.annotation(for: $0) + "\n" }.joined() + summary.text + "\n"
        case .json:
            StableJSON.render(DiagnosticJSONReport(diagnostics, summary: summary))
        case .sarif:
            // A SARIF log has no place for the summary line; its results are the whole answer.
            StableJSON.render(DiagnosticSARIFReport(diagnostics))
        }
    }

    /// `FILE:LINE:COLUMN: error: MESSAGE (hint)`, display-safe, without a newline.
    public func line(for diagnostic: Diagnostic) -> String {
        let location = diagnostic.location
        let style = Style(enabled: color)
        let severity = diagnostic.severity.rawValue + ":"
        return "\(location.file.displaySafe):\(location.line):\(location.column): "
            + (diagnostic.severity == .error ? style.red(severity) : style.yellow(severity)) + " \(diagnostic.fullMessage.displaySafe)"
    }

    /// `::error file=FILE,line=LINE,col=COLUMN::MESSAGE (hint)`, a GitHub Actions workflow command.
    static func annotation(for diagnostic: Diagnostic) -> String {
        let location = diagnostic.location
        return "::\(diagnostic.severity.rawValue) file=\(escapeProperty(location.file.displaySafe)),"
            + "line=\(location.line),col=\(location.column)::\(escapeData(diagnostic.fullMessage.displaySafe))"
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
}
