/// `doctor`'s report for a person (a checklist) and for a machine (JSON).
public enum DoctorRenderer {
    /// One line per check, `ok` / `warn` / `fail` first, the fix under a line that needs one,
    /// then the counts. Everything from outside (paths, ids, server words) is made display-safe.
    public static func text(_ report: DoctorReport, style: Style = Style(enabled: false)) -> String {
        let width = (report.checks.map(\.title.count).max() ?? 0) + 2
        var out = ""
        for check in report.checks {
            let status: String
            switch check.status {
            case .ok: status = style.green("ok  ")
            case .warn: status = style.yellow("warn")
            case .fail: status = style.red("fail")
            }
            out += "\(status)  \(check.title.padding(toLength: width, withPad: " ", startingAt: 0))\(check.message.displaySafe)\n"
            if let fix = check.fix, check.status != .ok {
                out += String(repeating: " ", count: 6 + width) + style.dim("→ ") + fix.displaySafe + "\n"
            }
        }
        let ok = report.count(.ok), warn = report.count(.warn), fail = report.count(.fail)
        out += "\nDoctor: \(ok) ok, \(warn) warning\(warn == 1 ? "" : "s"), \(fail) failure\(fail == 1 ? "" : "s")."
        out += fail > 0 ? " Fix the failures before the first apply.\n" : warn > 0 ? " Nothing blocks an apply.\n" : " Ready to apply.\n"
        return out
    }

    private struct Document: Encodable {
        struct Summary: Encodable {
            var ok: Int
            var warn: Int
            var fail: Int
        }

        var formatVersion = 1
        var checks: [DoctorCheck]
        var summary: Summary
    }

    /// `{"formatVersion": 1, "checks": [{"check", "status", "message", "fix"}], "summary": {...}}`.
    public static func json(_ report: DoctorReport) -> String {
        StableJSON.render(Document(checks: report.checks,
                                   summary: .init(ok: report.count(.ok), warn: report.count(.warn), fail: report.count(.fail))))
    }
}
