import ZTAHooksCore

/// The closing lines of an apply.
enum ApplySummary {
    static func render(_ report: ApplyReport, secretsPath: String) -> String {
        var line = "Apply: \(report.count(.create)) created, \(report.count(.replace)) replaced, \(report.count(.delete)) deleted"
        let failed = report.failures.count + report.sinkFailures.count
        if failed > 0 { line += "; \(failed) failed" }
        if report.skipped > 0 { line += "; \(report.skipped) not attempted" }
        line += "."
        if let stopped = report.stopped {
            line += " Stopped by \(stopped): changes in flight finished, \(report.skipped) not started."
        }
        if report.count(.create) + report.count(.replace) > 0 {
            line += " New secrets are in \(secretsPath.displaySafe)."
        }
        for failure in report.failures {
            line += "\n  ✗ \(failure.siteId.displaySafe): \(failure.action.kind.rawValue) \(failure.action.displayName.displaySafe): \(failure.message.displaySafe)"
        }
        for failure in report.sinkFailures {
            line += "\n  ✗ \(failure.siteId.displaySafe): \(failure.message.displaySafe)"
        }
        return line
    }
}
