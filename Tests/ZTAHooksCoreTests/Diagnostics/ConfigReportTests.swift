import Foundation
import Testing
@testable import ZTAHooksCore

/// The three output formats of `validate`, on a fixed result, through the one diagnostic printer.
struct ConfigReportTests {
    private let result = SiteLoadResult(
        sites: [],
        diagnostics: [
            .error("unknown key 'evnets'", at: SourceLocation(file: "sites/a,b.yaml", line: 5, column: 5), hint: "did you mean 'events'?"),
            .warning("100% sure:\nline two", at: SourceLocation(file: "sites/c.yaml", line: 2, column: 11)),
        ],
        fileCount: 3,
        webhookCount: 12
    )

    private func render(_ format: DiagnosticPrinter.Format, color: Bool = false) -> String {
        DiagnosticPrinter(format: format, color: color).render(result.diagnostics, summary: result.summary)
    }

    @Test func textListsDiagnosticsThenTheSummary() {
        #expect(render(.text) == """
            sites/a,b.yaml:5:5: error: unknown key 'evnets' (did you mean 'events'?)
            sites/c.yaml:2:11: warning: 100% sure:\\u000aline two
            3 files, 12 webhooks: 1 error, 1 warning

            """)
    }

    @Test func textColoursOnlyTheSeverityWhenAsked() {
        let coloured = render(.text, color: true)
        #expect(coloured.hasPrefix("sites/a,b.yaml:5:5: \u{1B}[31merror:\u{1B}[0m unknown key"))
        #expect(coloured.contains("sites/c.yaml:2:11: \u{1B}[33mwarning:\u{1B}[0m 100%"))
        #expect(!render(.text).contains("\u{1B}"))
    }

    @Test func summaryUsesSingularAndPlural() {
        let one = SiteLoadResult(sites: [], diagnostics: [], fileCount: 1, webhookCount: 1)
        #expect(one.summary.text == "1 file, 1 webhook: 0 errors, 0 warnings")
    }

    @Test func jsonIsStableWithSortedKeysAndNullHints() {
        #expect(render(.json) == """
            {
              "diagnostics" : [
                {
                  "column" : 5,
                  "file" : "sites/a,b.yaml",
                  "hint" : "did you mean 'events'?",
                  "line" : 5,
                  "message" : "unknown key 'evnets'",
                  "severity" : "error"
                },
                {
                  "column" : 11,
                  "file" : "sites/c.yaml",
                  "hint" : null,
                  "line" : 2,
                  "message" : "100% sure:\\nline two",
                  "severity" : "warning"
                }
              ],
              "errors" : 1,
              "files" : 3,
              "valid" : false,
              "warnings" : 1,
              "webhooks" : 12
            }

            """)
    }

    @Test func githubEscapesMessagesAndProperties() {
        #expect(render(.github) == """
            ::error file=sites/a%2Cb.yaml,line=5,col=5::unknown key 'evnets' (did you mean 'events'?)
            ::warning file=sites/c.yaml,line=2,col=11::100%25 sure:\\u000aline two
            3 files, 12 webhooks: 1 error, 1 warning

            """)
    }
}
