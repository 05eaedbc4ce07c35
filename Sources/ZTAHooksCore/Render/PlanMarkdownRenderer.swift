/// Renders a plan for a pull-request comment or a job summary.
///
/// GitHub refuses comments over 65,536 characters, so the renderer stops adding site sections
/// before the budget runs out and says plainly what it left out and where to find it.
public enum PlanMarkdownRenderer {
    public static let gitHubCommentLimit = 65_536

    public static func render(_ plan: Plan, limit: Int = gitHubCommentLimit, invalidFiles: Int = 0) -> String {
        let s = plan.summary
        let coverage = PlanCoverage(plan, invalidFiles: invalidFiles)
        var head = "### ztahooks plan\n\n"
        if s.changes == 0 {
            head += coverage.isComplete ? "**No changes.** Live webhooks match the site files" : "**⚠️ \(coverage.noChangesHeadline)**"
        } else {
            head += "**\(s.create) to create, \(s.replace) to replace, \(s.delete) to delete**"
        }
        head += " · \(s.unchanged) unchanged"
        if s.unmanaged > 0 { head += " · \(s.unmanaged) unmanaged" }
        if s.changes > 0, let notChecked = coverage.notChecked { head += " · ⚠️ not checked: \(notChecked)" }
        head += "\n\n"

        let interesting = plan.sites.filter { $0.error != nil || $0.hasChanges || !PlanTextRenderer.siteLines($0, style: Style(enabled: false)).isEmpty }
        guard !interesting.isEmpty else { return head }

        // Sizes are counted in UTF-8 bytes: never fewer than the characters, code points or UTF-16
        // units GitHub might count ("⚠️" is one Swift character but two code points), and cheap to
        // keep as a running total. Room is reserved for the truncation note.
        let budget = limit - 400
        var table = "| site | file | create | replace | delete | unchanged |\n|---|---|--:|--:|--:|--:|\n"
        var sections = ""
        var used = head.utf8.count + table.utf8.count + 1
        var shownInTable = 0
        var shownSections = 0
        for site in interesting {
            let row = tableRow(site)
            guard used + row.utf8.count <= budget else { break }
            table += row
            used += row.utf8.count
            shownInTable += 1
            // Sections stay in table order: once one does not fit, none after it is shown.
            guard shownSections == shownInTable - 1 else { continue }
            let section = siteSection(site)
            if used + section.utf8.count <= budget {
                sections += section
                used += section.utf8.count
                shownSections += 1
            }
        }
        var out = head + table + "\n" + sections
        if shownSections < interesting.count {
            let missing = interesting.count - shownSections
            out += "\n> **Truncated:** \(missing) of \(interesting.count) sites with changes or findings are not shown in detail, "
                + "to stay under GitHub's \(limit)-character comment limit. "
                + "The full plan is in the job log (`ztahooks plan`) or as JSON (`ztahooks plan --format json`).\n"
        }
        return out
    }

    static func tableRow(_ site: SitePlan) -> String {
        if site.error != nil {
            return "| `\(cell(site.siteId))` | `\(cell(site.file))` | ⚠️ error | | | |\n"
        }
        let count = { (kind: PlannedAction.Kind) in site.actions.count { $0.kind == kind } }
        return "| `\(cell(site.siteId))` | `\(cell(site.file))` | \(count(.create)) | \(count(.replace)) | \(count(.delete)) | \(site.unchanged.count) |\n"
    }

    static func siteSection(_ site: SitePlan) -> String {
        var summary = "<code>\(html(site.siteId))</code>"
        if let error = site.error {
            return "<details open><summary>\(summary) ⚠️ could not be planned</summary>\n\n```\n\(fence(error))\n```\n\n</details>\n\n"
        }
        summary += " — \(site.actions.count) change\(site.actions.count == 1 ? "" : "s")"
        var body = "```diff\n"
        for action in site.actions {
            let line = PlanTextRenderer.actionLine(action, style: Style(enabled: false))
            // diff colouring keys on the first character: + green, - red, ! orange.
            switch action.kind {
            case .create: body += fence(line) + "\n"
            case .delete: body += fence(line) + "\n"
            case .replace: body += "!" + fence(String(line.dropFirst())) + "\n"
            }
            body += PlanTextRenderer.explanations(action).map { "#     \(fence($0))\n" }.joined()
        }
        for webhook in site.unchanged where !webhook.flags.isEmpty {
            body += webhook.flags.map { fence("# ! \(webhook.name): \($0)") + "\n" }.joined()
        }
        for live in site.unmanaged {
            body += fence("# ~ unmanaged \(live.id) \(live.url) \(PlanTextRenderer.events(live.events)) (prune: false)") + "\n"
        }
        body += site.notes.map { "# note: \(fence($0))\n" }.joined()
        body += "```\n"
        return "<details><summary>\(summary) (\(html(site.file)))</summary>\n\n\(body)\n</details>\n\n"
    }

    // Each escaper below first makes the text display-safe (control characters, line breaks and
    // reordering marks shown as `\u001b`), then escapes what its Markdown context would misread.

    /// Text in a table cell: a `|` would end the cell, a backtick the code span.
    static func cell(_ text: String) -> String {
        text.displaySafe.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "`", with: "ʼ")
    }

    /// Text inside `<summary>` or `<code>`, which GitHub reads as HTML.
    static func html(_ text: String) -> String {
        text.displaySafe.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Keeps outside text from closing the code fence early or starting a line of its own.
    static func fence(_ text: String) -> String {
        text.displaySafe.replacingOccurrences(of: "```", with: "ʼʼʼ")
    }
}
