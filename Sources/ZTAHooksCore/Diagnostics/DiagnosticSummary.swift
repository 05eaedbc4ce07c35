/// How much was checked and how much was wrong: the last line of every diagnostic format.
public struct DiagnosticSummary: Hashable, Sendable {
    public var files: Int
    public var webhooks: Int
    public var errors: Int
    public var warnings: Int

    public init(_ diagnostics: [Diagnostic], files: Int, webhooks: Int) {
        self.files = files
        self.webhooks = webhooks
        errors = diagnostics.count { $0.severity == .error }
        warnings = diagnostics.count { $0.severity == .warning }
    }

    /// True when no diagnostic is an error: warnings alone never fail a run.
    public var isValid: Bool { errors == 0 }

    /// `3 files, 12 webhooks: 2 errors, 1 warning`.
    public var text: String {
        "\(count(files, "file")), \(count(webhooks, "webhook")): \(count(errors, "error")), \(count(warnings, "warning"))"
    }

    private func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }
}
