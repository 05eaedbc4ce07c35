/// The closing lines of an apply (and a rotate).
public enum ApplySummary {
    /// `handedOff`: an `--on-secret` sink was configured, so every replace that succeeded has
    /// handed its new secret over before deleting the old webhook.
    public static func render(_ report: ApplyReport, secretsPath: String, handedOff: Bool = false) -> String {
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
        // A replaced webhook's receiver verifies with a secret it has never seen: say whose.
        let replaced = report.sites.flatMap { site in
            site.succeeded.filter { $0.kind == .replace }.map { "\(site.siteId)/\($0.displayName) (\($0.url))".displaySafe }
        }
        if !replaced.isEmpty, handedOff {
            line += "\nThe new secrets of \(replaced.joined(separator: ", ")) went to --on-secret before their old webhooks were deleted."
        } else if !replaced.isEmpty {
            line += "\nReceivers of \(replaced.joined(separator: ", ")) need the new secret from \(secretsPath.displaySafe) "
                + "(look it up by the delivery's X-ZTA-Webhook-ID)."
        }
        // While both were live, each event went to both: how long, so that a receiver's duplicates are explained.
        let overlaps = report.overlaps
        if !overlaps.isEmpty {
            line += "\nEach event went to both webhooks of a replace until the old one was deleted "
                + "(listen and the ZTAWebhooks deduplicator pass it on once):"
            for (siteId, overlap) in overlaps {
                line += "\n  ~ \(siteId.displaySafe): \(overlap.sentence.displaySafe)"
            }
        }
        for failure in report.failures {
            line += "\n  ✗ \(failure.siteId.displaySafe): \(failure.action.kind.rawValue) \(failure.action.displayName.displaySafe): \(failure.message.displaySafe)"
        }
        for failure in report.sinkFailures {
            line += "\n  ✗ \(failure.siteId.displaySafe): \(failure.message.displaySafe)"
        }
        for warning in report.warnings {
            line += "\n  ! \(warning.siteId.displaySafe): \(warning.message.displaySafe)"
        }
        return line
    }
}
