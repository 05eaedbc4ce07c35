import ZTAHooksCore
import ZTASim

/// The text report of `trigger`: one line per webhook and attempt, then a summary line.
public enum TriggerPrinter {
    public static func text(_ records: [SimDeliveryRecord], event: String, siteID: String, style: Style) -> String {
        let site = siteID.displaySafe
        guard !records.isEmpty else {
            return "No active webhook of site \(site) subscribes to \(event): nothing was delivered.\n"
        }
        var output = ""
        for record in records {
            let webhook = record.webhookId.displaySafe
            let target = record.url.displaySafe + (record.routedTo.map { " → " + $0.displaySafe } ?? "")
            for (index, attempt) in record.attempts.enumerated() {
                output += "\(webhook) \(target) attempt \(index + 1): \(outcome(attempt, style: style)) in \(attempt.durationMs) ms\n"
            }
        }
        let failed = records.filter { !$0.delivered }
        let attempts = records.reduce(0) { $0 + $1.attempts.count }
        let tried = "\(attempts) attempt\(attempts == 1 ? "" : "s")"
        if failed.isEmpty {
            output += "\(event) on \(site): \(style.green("delivered")) to \(records.count) webhook\(records.count == 1 ? "" : "s") (\(tried)).\n"
        } else {
            let names = failed.map { $0.webhookId.displaySafe }.joined(separator: ", ")
            output += "\(event) on \(site): \(style.red("\(failed.count) of \(records.count) deliveries failed")) (\(names)); "
                + "\(records.count - failed.count) delivered (\(tried)).\n"
        }
        let disabled = records.filter(\.disabledWebhook).map { $0.webhookId.displaySafe }
        if !disabled.isEmpty {
            output += "Disabled after repeated failed deliveries (active: false): \(disabled.joined(separator: ", ")).\n"
        }
        return output
    }

    private static func outcome(_ attempt: SimDeliveryRecord.Attempt, style: Style) -> String {
        if let status = attempt.status {
            return (200..<300).contains(status) ? style.green(String(status)) : style.red(String(status))
        }
        return style.red(attempt.error?.displaySafe ?? "no answer")
    }
}
