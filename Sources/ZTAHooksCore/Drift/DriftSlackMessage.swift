import Foundation

/// The body posted to a Slack incoming webhook when drift finds something: a short summary and
/// the first findings, each one line. The rest is in the job's report.
public enum DriftSlackMessage {
    public static let maxLines = 10

    /// `{"text": "..."}` as JSON bytes.
    public static func payload(_ report: DriftReport, maxLines: Int = maxLines) -> [UInt8] {
        let object = ["text": text(report, maxLines: maxLines)]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return Array(data)
    }

    /// The message in Slack's mrkdwn.
    public static func text(_ report: DriftReport, maxLines: Int = maxLines) -> String {
        let s = report.summary
        var text = "*ztahooks drift*: "
        text += s.findings > 0 ? "\(s.pending) pending, \(s.outOfBand) out of band, \(s.health) health" : "no drift found in what could be checked"
        text += " — " + escape(DriftTextRenderer.checkedText(s))
        let findings = report.findings
        for (site, finding) in findings.prefix(maxLines) {
            text += "\n• `\(escape(site))` \(finding.findingClass.rawValue) \(finding.kind.rawValue): "
                + escape("\(finding.label.displaySafe) \(finding.url.displaySafe) \(DriftTextRenderer.events(finding.events))")
        }
        if findings.count > maxLines {
            text += "\n…and \(findings.count - maxLines) more; see the drift report."
        }
        // When the API is down for many sites, name a few and count the rest.
        let failed = report.sites.filter { $0.error != nil }.map(\.siteId)
        if !failed.isEmpty {
            let named = failed.prefix(maxLines).map { "`\(escape($0))`" }.joined(separator: ", ")
            text += "\n• could not be listed: \(named)" + (failed.count > maxLines ? " and \(failed.count - maxLines) more" : "")
        }
        return text
    }

    /// Slack reads `&`, `<` and `>` as markup; everything else is sanitised for display.
    static func escape(_ text: String) -> String {
        text.displaySafe.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
