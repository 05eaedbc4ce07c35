import Foundation

/// Renders a drift report for a terminal, a CI log or a cron mail: one line per finding, saying
/// what happened and what to run.
public enum DriftTextRenderer {
    public static func render(_ report: DriftReport, style: Style = Style(enabled: false)) -> String {
        var out = ""
        render(report, style: style) { out += $0 }
        return out
    }

    /// The same text a site's block at a time, handed to `write`, as `PlanTextRenderer` streams a plan.
    public static func render(_ report: DriftReport, style: Style = Style(enabled: false), write: (String) -> Void) {
        renderStart(invalidFiles: report.invalidFiles, style: style, write: write)
        for site in report.sites {
            renderSite(site, style: style, write: write)
        }
        renderEnd(report.summary, style: style, write: write)
    }

    /// What comes before the sites: the files not checked, sorted. For a report streamed site
    /// by site: this, `renderSite` for each, then `renderEnd`, the same bytes as `render`.
    public static func renderStart(invalidFiles: [String], style: Style = Style(enabled: false), write: (String) -> Void) {
        for file in invalidFiles {
            write(style.red("✗ ") + "not checked: \(file.displaySafe) is not a valid site file\n")
        }
        if !invalidFiles.isEmpty { write("\n") }
    }

    /// One site's block; nothing for a site with nothing to say.
    public static func renderSite(_ site: SiteDrift, style: Style = Style(enabled: false), write: (String) -> Void) {
        let lines = siteLines(site, style: style)
        guard !lines.isEmpty else { return }
        write(PlanTextRenderer.siteBlock(site.siteId.displaySafe, file: site.file.displaySafe, lines: lines, style: style))
    }

    /// The summary line.
    public static func renderEnd(_ summary: DriftSummary, style: Style = Style(enabled: false), write: (String) -> Void) {
        write(summaryLine(summary, style: style) + "\n")
    }

    static func siteLines(_ site: SiteDrift, style: Style) -> [String] {
        if let error = site.error {
            return [style.red("✗ error: ") + "could not be listed, not checked: " + error.displaySafe]
        }
        var lines = site.findings.map { findingLine($0, style: style) }
        lines += site.unmanaged.map { style.dim("~ unmanaged \(unmanagedText($0)) (prune: false)") }
        return lines
    }

    /// `out-of-band added      wh_x https://… [pageview]: what happened → what to run`.
    public static func findingLine(_ finding: DriftFinding, style: Style) -> String {
        let label = pad(finding.findingClass.rawValue, 11) + " " + pad(finding.kind.rawValue, 15)
        return colour(finding.findingClass, style)(label) + " " + findingText(finding)
    }

    /// The part of a finding line after its class and kind, sanitised.
    static func findingText(_ finding: DriftFinding) -> String {
        "\(finding.label.displaySafe) \(finding.url.displaySafe) \(events(finding.events)): "
            + "\(finding.detail.displaySafe) → \(finding.remedy.displaySafe)"
    }

    static func unmanagedText(_ live: LiveSummary) -> String {
        "\(live.id.displaySafe) \(live.url.displaySafe) \(events(live.events))"
    }

    static func events(_ events: [String]) -> String {
        "[" + events.map(\.displaySafe).joined(separator: ", ") + "]"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    private static func colour(_ findingClass: DriftFinding.Class, _ style: Style) -> (String) -> String {
        switch findingClass {
        case .pending: style.yellow
        case .outOfBand: style.red
        case .health: style.bold
        }
    }

    /// The closing sentence. Never says "no drift" without saying what could not be checked.
    public static func summaryLine(_ s: DriftSummary, style: Style) -> String {
        var line: String
        if s.findings > 0 {
            line = style.bold("Drift: ") + "\(s.pending) pending, \(s.outOfBand) out of band, \(s.health) health"
        } else if s.isIncomplete {
            line = style.yellow("No drift found in what could be checked")
        } else {
            line = style.green("No drift")
        }
        line += ": " + checkedText(s) + "; " + coverageText(s) + "."
        return line
    }

    /// `2 sites checked, 1 could not be listed, 1 invalid site file not checked`.
    static func checkedText(_ s: DriftSummary) -> String {
        var text = "\(s.sitesChecked) site\(s.sitesChecked == 1 ? "" : "s") checked"
        if s.sitesFailed > 0 { text += ", \(s.sitesFailed) could not be listed" }
        if s.invalidFiles > 0 { text += ", \(s.invalidFiles) invalid site file\(s.invalidFiles == 1 ? "" : "s") not checked" }
        return text
    }

    /// `4 of 6 live webhooks managed (66.7%), 1 adopted, 1 unmanaged`.
    static func coverageText(_ s: DriftSummary) -> String {
        guard s.liveWebhooks > 0 else { return "no live webhooks" }
        var text = "\(s.managedWebhooks) of \(s.liveWebhooks) live webhook\(s.liveWebhooks == 1 ? "" : "s") managed (\(percent(s.coverage)))"
        if s.adopted > 0 { text += ", \(s.adopted) adopted" }
        if s.unmanaged > 0 { text += ", \(s.unmanaged) unmanaged" }
        return text
    }

    static func percent(_ fraction: Double) -> String {
        let value = (fraction * 1000).rounded() / 10
        return value == value.rounded() ? "\(Int(value))%" : String(format: "%.1f%%", value)
    }
}
