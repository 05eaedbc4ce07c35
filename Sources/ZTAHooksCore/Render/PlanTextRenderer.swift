/// Renders a plan for a terminal or a CI log, in the manner of `terraform plan`.
public enum PlanTextRenderer {
    public static func render(_ plan: Plan, style: Style = Style(enabled: false)) -> String {
        var out = ""
        for site in plan.sites {
            let lines = siteLines(site, style: style)
            guard !lines.isEmpty else { continue }
            out += siteBlock(site.siteId, file: site.file, lines: lines, style: style)
        }
        out += summaryLine(plan.summary, style: style) + "\n"
        return out
    }

    /// `site ID (FILE)`, then the lines indented, then a blank line; shared with the drift report.
    static func siteBlock(_ siteId: String, file: String, lines: [String], style: Style) -> String {
        style.bold("site \(siteId)") + style.dim(" (\(file))") + "\n" + lines.map { "  " + $0 + "\n" }.joined() + "\n"
    }

    /// The lines for one site, empty when there is nothing to say.
    static func siteLines(_ site: SitePlan, style: Style) -> [String] {
        if let error = site.error {
            return [style.red("✗ error: ") + error]
        }
        var lines: [String] = []
        for action in site.actions {
            lines.append(actionLine(action, style: style))
            lines += explanations(action).map { "      " + style.dim($0) }
        }
        for webhook in site.unchanged where !webhook.flags.isEmpty {
            lines += webhook.flags.map { style.yellow("! ") + "\(webhook.name): \($0)" }
        }
        for live in site.unmanaged {
            lines.append(style.dim("~ unmanaged \(live.id) \(live.url) \(events(live.events)) (prune: false)"))
        }
        lines += site.notes.map { style.dim("note: ") + $0 }
        return lines
    }

    /// The lines under an action: the planner's reasons, then what its order means for deliveries.
    static func explanations(_ action: PlannedAction) -> [String] {
        guard action.order == .deleteThenCreate else { return action.reasons }
        // The one moment apply cannot keep deliveries flowing deserves a line of its own.
        return action.reasons + [
            "the site is at its limit of \(APILimits.maxWebhooksPerSite) webhooks, so the old one is deleted first: "
                + "deliveries to this URL pause until the new one is created",
        ]
    }

    static func actionLine(_ action: PlannedAction, style: Style) -> String {
        switch action.action {
        case .create:
            return style.green("+ create  ") + "\(action.displayName) \(action.url) \(events(action.events))"
        case .delete:
            let label = action.name.map { "\($0) (\(action.id ?? "?"))" } ?? (action.id ?? "?")
            return style.red("- delete  ") + "\(label) \(action.url) \(events(action.events))"
        case .replace:
            let order = action.order.map { " [\($0.rawValue)]" } ?? ""
            return style.yellow("-/+ replace ") + "\(action.displayName) (\(action.id ?? "?")) \(action.url) "
                + "\(events(action.currentEvents ?? [])) → \(events(action.events))" + style.dim(order)
        }
    }

    static func events(_ events: [String]) -> String {
        "[" + events.joined(separator: ", ") + "]"
    }

    /// `Plan: 1 to create, 0 to replace, 2 to delete; 4 unchanged.` and the like.
    public static func summaryLine(_ s: PlanSummary, style: Style) -> String {
        var line: String
        if s.changes == 0 {
            line = "No changes: live webhooks match the site files. \(s.unchanged) unchanged."
        } else {
            line = style.bold("Plan: ") + "\(s.create) to create, \(s.replace) to replace, \(s.delete) to delete; \(s.unchanged) unchanged."
        }
        if s.unmanaged > 0 { line += " \(s.unmanaged) unmanaged (prune: false)." }
        if s.failedSites > 0 {
            line += " " + style.red("\(s.failedSites) site\(s.failedSites == 1 ? "" : "s") could not be planned.")
        }
        return line
    }
}
