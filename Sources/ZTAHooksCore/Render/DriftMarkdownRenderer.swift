/// Renders a drift report for a GitHub job summary or an issue: the summary, then one table row
/// per finding with what happened and what to run.
public enum DriftMarkdownRenderer {
    /// Rows beyond this are counted, not shown: a job summary is read by people, the JSON by tools.
    public static let maxRows = 200

    public static func render(_ report: DriftReport, maxRows: Int = maxRows) -> String {
        let s = report.summary
        var out = "### ztahooks drift\n\n"
        if s.findings > 0 {
            out += "**\(s.pending) pending · \(s.outOfBand) out of band · \(s.health) health**"
        } else if s.isIncomplete {
            out += "**No drift found in what could be checked**"
        } else {
            out += "**No drift.**"
        }
        out += " — \(DriftTextRenderer.checkedText(s)) · \(DriftTextRenderer.coverageText(s))\n\n"

        let problems = report.invalidFiles.map { "- ⚠️ not checked: `\(code($0))` is not a valid site file\n" }
            + report.sites.compactMap { site in
                site.error.map { "- ⚠️ `\(code(site.siteId))` (`\(code(site.file))`) could not be listed, not checked: \(cell($0))\n" }
            }
        if !problems.isEmpty { out += problems.joined() + "\n" }

        let findings = report.findings
        if !findings.isEmpty {
            out += "| site | class | kind | webhook | URL | events | what happened | what to run |\n"
            out += "|---|---|---|---|---|---|---|---|\n"
            for (site, finding) in findings.prefix(maxRows) {
                out += "| `\(code(site))` | \(finding.findingClass.rawValue) | \(finding.kind.rawValue) | `\(code(finding.label))` "
                    + "| `\(code(finding.url))` | \(cell(finding.events.joined(separator: ", "))) | \(cell(finding.detail)) "
                    + "| \(cell(finding.remedy)) |\n"
            }
            if findings.count > maxRows {
                out += "\n> **\(findings.count - maxRows) more findings not shown.** All of them are in the job log "
                    + "(`ztahooks drift`) and in `ztahooks drift --format json`.\n"
            }
            out += "\n"
        }

        let unmanaged = report.sites.flatMap { site in site.unmanaged.map { (site.siteId, $0) } }
        if !unmanaged.isEmpty {
            out += "<details><summary>\(unmanaged.count) unmanaged (prune: false)</summary>\n\n"
            out += unmanaged.map { "- `\(code($0.0))` `\(code($0.1.id))` `\(code($0.1.url))` \(cell($0.1.events.joined(separator: ", ")))\n" }.joined()
            out += "\n</details>\n"
        }
        return out
    }

    /// Text in a table cell: sanitised, one line, and a `|` would end the cell.
    static func cell(_ text: String) -> String {
        text.displaySafe.replacingOccurrences(of: "|", with: "\\|")
    }

    /// Text in a code span: a backtick would end it early.
    static func code(_ text: String) -> String {
        cell(text).replacingOccurrences(of: "`", with: "ʼ")
    }
}
