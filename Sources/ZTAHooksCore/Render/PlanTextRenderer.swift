/// Renders a plan for a terminal or a CI log, in the manner of `terraform plan`.
///
/// Ids, URLs and events come from the API and file names from the disk: every such string, and
/// every message built from one, passes through `DisplayText` here, at the edge, so that the plan
/// itself (and its JSON) keeps the exact bytes while no terminal ever receives a raw control character.
public enum PlanTextRenderer {
    /// - Parameter invalidFiles: site files left out for their errors, so that the summary never
    ///   calls a run clean that did not look at everything.
    public static func render(_ plan: Plan, style: Style = Style(enabled: false), invalidFiles: Int = 0) -> String {
        var out = ""
        render(plan, style: style, invalidFiles: invalidFiles) { out += $0 }
        return out
    }

    /// The same text in pieces, a site's block at a time, handed to `write`: a plan of 100,000
    /// sites is written as it is rendered instead of held whole (23 MB, and its copy as bytes).
    public static func render(_ plan: Plan, style: Style = Style(enabled: false), invalidFiles: Int = 0, write: (String) -> Void) {
        for site in plan.sites {
            renderSite(site, style: style, write: write)
        }
        write(summaryLine(plan.summary, style: style, coverage: PlanCoverage(plan, invalidFiles: invalidFiles)) + "\n")
    }

    /// The text of a plan that streamed and was not kept: `renderSite` for each site as it was
    /// planned, then this, the same bytes as `render` of the whole plan.
    public static func renderEnd(_ tally: PlanTally, style: Style = Style(enabled: false), invalidFiles: Int = 0, write: (String) -> Void) {
        write(summaryLine(tally.summary, style: style, coverage: PlanCoverage(tally, invalidFiles: invalidFiles)) + "\n")
    }

    /// One site's block, handed to `write`; nothing for a site with nothing to say.
    public static func renderSite(_ site: SitePlan, style: Style = Style(enabled: false), write: (String) -> Void) {
        let lines = siteLines(site, style: style)
        guard !lines.isEmpty else { return }
        write(siteBlock(site.siteId, file: site.file, lines: lines, style: style))
    }

    /// `site ID (FILE)`, then the lines indented, then a blank line; shared with the drift report.
    static func siteBlock(_ siteId: String, file: String, lines: [String], style: Style) -> String {
        var out = style.bold("site " + siteId.displaySafe)
        out += style.dim(" (" + file.displaySafe + ")")
        out += "\n"
        for line in lines {
            out += "  "
            out += line
            out += "\n"
        }
        out += "\n"
        return out
    }

    /// The lines for one site, empty when there is nothing to say.
    static func siteLines(_ site: SitePlan, style: Style) -> [String] {
        if let error = site.error {
            return [style.red("✗ error: ") + error.displaySafe]
        }
        var lines: [String] = []
        for action in site.actions {
            lines.append(actionLine(action, style: style))
            lines += explanations(action).map { "      " + style.dim($0) }
        }
        for webhook in site.unchanged where !webhook.flags.isEmpty {
            lines += webhook.flags.map { style.yellow("! ") + "\(webhook.name.displaySafe): \($0.displaySafe)" }
        }
        for live in site.unmanaged {
            lines.append(style.dim("~ unmanaged \(live.id.displaySafe) \(live.url.displaySafe) \(events(live.events)) (prune: false)"))
        }
        lines += site.retiring.map { style.yellow(retireLine($0)) }
        lines += site.restoring.map { style.dim(restoreLine($0)) }
        lines += site.notes.map { style.dim("note: ") + $0.displaySafe }
        return lines
    }

    /// A recorded secret whose webhook the API no longer lists; display-safe.
    static func retireLine(_ secret: RecordedSecret) -> String {
        "~ retire  \(secret.name.displaySafe) (\(secret.id.displaySafe)) \(secret.url.displaySafe): "
            + "\(secret.reason.displaySafe); its recorded secret is kept as retired"
    }

    /// A retired secret whose webhook is listed again; display-safe.
    static func restoreLine(_ secret: RecordedSecret) -> String {
        "note: \(secret.name.displaySafe) (\(secret.id.displaySafe)) is \(secret.reason.displaySafe)"
    }

    /// The lines under an action: the planner's reasons, then what its order means for deliveries.
    static func explanations(_ action: PlannedAction) -> [String] {
        // Reasons quote ids and file names.
        let reasons = action.reasons.map(\.displaySafe)
        guard case .replace(let replace) = action else { return reasons }
        // A reviewer approving a replace is approving a new secret its receiver must load.
        let secret = Reason.mintsSecret(url: replace.url, order: replace.order).displaySafe
        guard replace.order == .deleteThenCreate else { return reasons + [secret, Reason.deliveredTwice] }
        // The one moment apply cannot keep deliveries flowing deserves a line of its own.
        return reasons + [
            secret,
            "the site is at its limit of \(APILimits.maxWebhooksPerSite) webhooks, so the old one is deleted first: "
                + "deliveries to this URL pause until the new one is created",
        ]
    }

    static func actionLine(_ action: PlannedAction, style: Style) -> String {
        switch action {
        case .create(let create):
            return style.green("+ create  ") + "\(create.name.displaySafe) \(create.url.displaySafe) \(events(create.events))"
        case .delete(let delete):
            return style.red("- delete  ") + "\(label(delete)) \(delete.url.displaySafe) \(events(delete.events))"
        case .replace(let replace):
            return style.yellow("-/+ replace ") + "\(replace.name.displaySafe) (\(replace.id.displaySafe)) \(replace.url.displaySafe) "
                + "\(events(replace.currentEvents)) → \(events(replace.events))" + style.dim(" [\(replace.order.rawValue)]")
        }
    }

    static func events(_ events: [String]) -> String {
        "[" + events.map(\.displaySafe).joined(separator: ", ") + "]"
    }

    /// Declared events are the API's own words: nothing to make safe.
    static func events(_ events: [EventType]) -> String {
        "[" + events.rawValues.joined(separator: ", ") + "]"
    }

    /// `NAME (ID)` for a delete whose name the secrets file knows, else the id; display-safe.
    public static func label(_ delete: DeleteAction) -> String {
        delete.name.map { "\($0.displaySafe) (\(delete.id.displaySafe))" } ?? delete.id.displaySafe
    }

    /// "2 recorded secrets: webhooks no longer listed, kept as retired.", or `nil` when none.
    public static func retiringSentence(_ s: PlanSummary) -> String? {
        guard s.retiring > 0 else { return nil }
        return s.retiring == 1
            ? "1 recorded secret: webhook no longer listed, kept as retired."
            : "\(s.retiring) recorded secrets: webhooks no longer listed, kept as retired."
    }

    /// `Plan: 1 to create, 0 to replace, 2 to delete; 4 unchanged.` and the like.
    public static func summaryLine(_ s: PlanSummary, style: Style, coverage: PlanCoverage? = nil) -> String {
        let coverage = coverage ?? PlanCoverage(checkedSites: 0, failedSites: s.failedSites, invalidFiles: 0)
        var line: String
        if s.changes == 0 {
            line = coverage.isComplete ? "\(coverage.noChangesHeadline) \(s.unchanged) unchanged." : style.red(coverage.noChangesHeadline) + " \(s.unchanged) unchanged."
        } else {
            line = style.bold("Plan: ") + "\(s.create) to create, \(s.replace) to replace, \(s.delete) to delete; \(s.unchanged) unchanged."
            if let notChecked = coverage.notChecked { line += " " + style.red("Not checked: \(notChecked).") }
        }
        if s.unmanaged > 0 { line += " \(s.unmanaged) unmanaged (prune: false)." }
        if let retiring = retiringSentence(s) { line += " " + style.yellow(retiring) }
        return line
    }
}
