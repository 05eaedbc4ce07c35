/// Renders a plan for a pull-request comment or a job summary.
///
/// GitHub refuses comments over 65,536 characters. When the whole plan does not fit, the renderer
/// keeps what a reviewer must see first (`PlanMarkdownSelection`: deletes and replaces, then
/// creates, then flags and notes), and the closing note names every site it cut, what it cut, and
/// where the full plan is.
public enum PlanMarkdownRenderer {
    public static let gitHubCommentLimit = 65_536

    /// Where the whole plan can be read when the Markdown is cut; a CI recipe that prints the text
    /// plan to its log and attaches the JSON says so through here.
    public static let defaultFullPlanHint =
        "The full plan is in the job log (`ztahooks plan`) and, with every action, in `ztahooks plan --format json` "
        + "(or the plan file saved with `--out`)."

    /// Room kept for the truncation note's fixed words; the names of cut sites take what else is left.
    static let noteReserve = 1_000

    public static func render(_ plan: Plan, limit: Int = gitHubCommentLimit, invalidFiles: Int = 0,
                              fullPlanHint: String = defaultFullPlanHint) -> String {
        let head = headline(plan, invalidFiles: invalidFiles)
        let sites = plan.sites.compactMap(selectionSite)
        guard !sites.isEmpty else { return head }

        // Sizes are counted in UTF-8 bytes: never fewer than the characters, code points or UTF-16
        // units GitHub might count ("⚠️" is one Swift character but two code points).
        let tableHead = "| site | file | create | replace | delete | unchanged |\n|---|---|--:|--:|--:|--:|\n"
        let selection = PlanMarkdownSelection(sites, budget: limit - noteReserve, used: head.utf8.count + tableHead.utf8.count + 1)
        var table = tableHead
        var sections = ""
        var cut: [String] = []
        for (index, site) in sites.enumerated() {
            let shown = zip(site.entries, selection.shown[index]).filter(\.1).map(\.0.text)
            let missing = selection.cut(site, at: index)
            if let missing { cut.append("`\(cell(site.plan.siteId))` (\(missing))") }
            guard !shown.isEmpty else { continue }
            table += tableRow(site.plan)
            sections += section(site.plan, lines: shown, missing: missing)
        }
        var out = head + table + "\n" + sections
        if !selection.isComplete {
            out += truncationNote(cut: cut, limit: limit, room: limit - out.utf8.count, fullPlanHint: fullPlanHint)
        }
        return out
    }

    static func headline(_ plan: Plan, invalidFiles: Int) -> String {
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
        if let retiring = PlanTextRenderer.retiringSentence(s) { head += " · 🗄️ " + retiring.dropLast() }
        if s.replace > 0 {
            head += " · 🔑 \(s.replace) replace\(s.replace == 1 ? "" : "s") mint\(s.replace == 1 ? "s" : "") a new secret its receiver must load"
        }
        return head + "\n\n"
    }

    /// "Truncated: …, not shown: `site_a` (2 creates), …", naming as many cut sites as fit in `room`.
    static func truncationNote(cut: [String], limit: Int, room: Int, fullPlanHint: String) -> String {
        let opening = "\n> **Truncated** to stay under GitHub's \(limit)-character comment limit; "
            + "deletes and replaces are shown before creates, flags and notes. Not shown: "
        let closing = ". " + fullPlanHint + "\n"
        var named: [String] = []
        var size = opening.utf8.count + closing.utf8.count + 40
        for site in cut {
            guard size + site.utf8.count + 2 <= room else { break }
            named.append(site)
            size += site.utf8.count + 2
        }
        let rest = cut.count - named.count
        let more = rest == 0 ? "" : "\(named.isEmpty ? "" : ", and ")\(rest) more site\(rest == 1 ? "" : "s")"
        return opening + named.joined(separator: ", ") + more + closing
    }

    /// A site with something to say, split into entries that can be kept or cut one by one.
    static func selectionSite(_ site: SitePlan) -> PlanMarkdownSelection.Site? {
        var entries: [PlanMarkdownSelection.Entry] = []
        if let error = site.error {
            entries = [.init(tier: .destructive, text: "\(fence(error))\n")]
        } else {
            for action in site.actions {
                let line = fence(PlanTextRenderer.actionLine(action, style: Style(enabled: false))) + "\n"
                    + PlanTextRenderer.explanations(action).map { "#     \(fence($0))\n" }.joined()
                entries.append(.init(tier: action.kind == .create ? .create : .destructive, text: line))
            }
            for webhook in site.unchanged {
                entries += webhook.flags.map { .init(tier: .finding, text: fence("# ! \(webhook.name): \($0)") + "\n") }
            }
            entries += site.unmanaged.map {
                .init(tier: .finding, text: fence("# ~ unmanaged \($0.id) \($0.url) \(PlanTextRenderer.events($0.events)) (prune: false)") + "\n")
            }
            entries += site.retiring.map { .init(tier: .destructive, text: "# \(fence(PlanTextRenderer.retireLine($0)))\n") }
            entries += site.restoring.map { .init(tier: .finding, text: "# \(fence(PlanTextRenderer.restoreLine($0)))\n") }
            entries += site.notes.map { .init(tier: .finding, text: "# note: \(fence($0))\n") }
        }
        guard !entries.isEmpty else { return nil }
        // The wrapper plus room for the "not shown" line a cut section gains.
        let overhead = tableRow(site).utf8.count + section(site, lines: [], missing: nil).utf8.count + 120
        return .init(plan: site, entries: entries, overhead: overhead)
    }

    static func tableRow(_ site: SitePlan) -> String {
        if site.error != nil {
            return "| `\(cell(site.siteId))` | `\(cell(site.file))` | ⚠️ error | | | |\n"
        }
        let count = { (kind: PlannedAction.Kind) in site.actions.count { $0.kind == kind } }
        return "| `\(cell(site.siteId))` | `\(cell(site.file))` | \(count(.create)) | \(count(.replace)) | \(count(.delete)) | \(site.unchanged.count) |\n"
    }

    /// A site's `<details>` block around the lines kept, with what was cut from it.
    static func section(_ site: SitePlan, lines: [String], missing: String?) -> String {
        let notShown = missing.map { "# … not shown here: \($0)\n" } ?? ""
        var summary = "<code>\(html(site.siteId))</code>"
        if site.error != nil {
            return "<details open><summary>\(summary) ⚠️ could not be planned</summary>\n\n```\n\(lines.joined())```\n\n</details>\n\n"
        }
        summary += " — \(site.actions.count) change\(site.actions.count == 1 ? "" : "s")"
        // A diff block colours lines by their first character: + green, - red (and -/+ replace).
        return "<details><summary>\(summary) (\(html(site.file)))</summary>\n\n```diff\n\(lines.joined())\(notShown)```\n\n</details>\n\n"
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
