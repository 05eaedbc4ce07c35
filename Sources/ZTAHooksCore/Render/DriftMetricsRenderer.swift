import Foundation

/// The drift summary in the Prometheus text exposition format (version 0.0.4), for
/// node_exporter's textfile collector.
///
/// Every checked site gets all three class series, zeros included, so that an alert on
/// `ztahooks_drift_findings > 0` resolves by itself; a site that could not be listed gets
/// `ztahooks_drift_site_up 0` and no findings series, since its findings are unknown.
public enum DriftMetricsRenderer {
    public static func render(_ report: DriftReport, runAt: Date) -> String {
        var out = ""
        family(&out, "ztahooks_drift_findings", "Drift findings at the last run, by site and class.")
        for site in report.sites where site.error == nil {
            for findingClass in DriftFinding.Class.allCases {
                out += sample("ztahooks_drift_findings", ["class": findingClass.rawValue, "site": site.siteId], site.count(findingClass))
            }
        }
        family(&out, "ztahooks_webhooks", "Live webhooks at the last run, by site and state (managed, adopted, unmanaged, undeclared).")
        for site in report.sites where site.error == nil {
            let undeclared = site.live - site.managed - site.unmanaged.count
            let states = [("managed", site.managed - site.adopted.count), ("adopted", site.adopted.count),
                          ("unmanaged", site.unmanaged.count), ("undeclared", undeclared)]
            for (state, count) in states {
                out += sample("ztahooks_webhooks", ["site": site.siteId, "state": state], count)
            }
        }
        family(&out, "ztahooks_drift_site_up", "1 when the site could be listed at the last run, 0 when not.")
        for site in report.sites {
            out += sample("ztahooks_drift_site_up", ["site": site.siteId], site.error == nil ? 1 : 0)
        }
        family(&out, "ztahooks_drift_invalid_files", "Site files that could not be loaded at the last run; their sites were not checked.")
        out += sample("ztahooks_drift_invalid_files", [:], report.summary.invalidFiles)
        family(&out, "ztahooks_drift_coverage_ratio", "Live webhooks on the checked sites that the site files manage, as a fraction.")
        out += "ztahooks_drift_coverage_ratio \(report.summary.coverage)\n"
        family(&out, "ztahooks_drift_last_run_timestamp_seconds", "When drift last ran, in seconds since the Unix epoch.")
        out += "ztahooks_drift_last_run_timestamp_seconds \(Int(runAt.timeIntervalSince1970))\n"
        return out
    }

    private static func family(_ out: inout String, _ name: String, _ help: String) {
        out += "# HELP \(name) \(help)\n# TYPE \(name) gauge\n"
    }

    /// One line; `labels` are written in the order given (sorted by name at the call sites, so
    /// the file is byte-stable between runs).
    private static func sample(_ name: String, _ labels: KeyValuePairs<String, String>, _ value: Int) -> String {
        guard !labels.isEmpty else { return "\(name) \(value)\n" }
        let text = labels.map { "\($0.key)=\"\(escape($0.value))\"" }.joined(separator: ",")
        return "\(name){\(text)} \(value)\n"
    }

    /// Label values escape backslash, double quote and line feed; nothing else is special.
    static func escape(_ value: String) -> String {
        // Site ids never need it; skip the three searches for them.
        guard value.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") }) else {
            return value
        }
        return value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
