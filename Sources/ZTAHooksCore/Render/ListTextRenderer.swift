/// Renders a listing as an aligned table, one row per live webhook, then a summary line.
///
/// Every value from the API, a site file or the secrets file is sanitised before it is padded,
/// so that widths count what the terminal shows. Colour marks only the state and `active`.
public enum ListTextRenderer {
    static let headers = ["SITE", "ID", "NAME", "STATE", "ACTIVE", "EVENTS", "CREATED", "LAST TRIGGERED", "URL"]

    public static func render(_ listing: WebhookListing, style: Style = Style(enabled: false)) -> String {
        let rows = listing.sites.flatMap { site in site.webhooks.map { cells(site.siteId, $0) } }
        var out = ""
        if !rows.isEmpty {
            let widths = headers.indices.map { column in
                ([headers[column]] + rows.map { $0[column].text }).map(\.count).max() ?? 0
            }
            out += line(headers.map { Cell($0) }, widths: widths, style: style, header: true)
            for row in rows { out += line(row, widths: widths, style: style, header: false) }
            out += "\n"
        }
        return out + summaryLine(listing, style: style) + "\n"
    }

    /// One cell: its shown text and how to colour it.
    struct Cell {
        var text: String
        var colour: (Style, String) -> String = { _, text in text }

        init(_ text: String, colour: ((Style, String) -> String)? = nil) {
            self.text = text
            if let colour { self.colour = colour }
        }
    }

    static func cells(_ siteId: String, _ webhook: ListedWebhook) -> [Cell] {
        [
            Cell(siteId.displaySafe),
            Cell(webhook.id.displaySafe),
            Cell(webhook.name?.displaySafe ?? "-"),
            stateCell(webhook),
            webhook.active ? Cell("yes") : Cell("no", colour: { $0.red($1) }),
            Cell(webhook.events.joined(separator: ",").displaySafe),
            Cell(shortTime(webhook.createdAt) ?? "-"),
            Cell(shortTime(webhook.lastTriggered) ?? "never"),
            Cell(webhook.url.displaySafe),
        ]
    }

    static func stateCell(_ webhook: ListedWebhook) -> Cell {
        switch webhook.state {
        case .managed: Cell("managed", colour: { $0.green($1) })
        case .adopted: Cell("adopted", colour: { $0.yellow($1) })
        case .unknown: Cell("unknown", colour: { $0.yellow($1) })
        case .unmanaged where webhook.deletedByNextApply: Cell("unmanaged (next apply deletes it)", colour: { $0.red($1) })
        case .unmanaged: Cell("unmanaged", colour: { $0.dim($1) })
        }
    }

    /// `2025-01-01T12:34:56.000Z` → `2025-01-01 12:34`: enough for a table; JSON keeps it all.
    static func shortTime(_ timestamp: String?) -> String? {
        guard let timestamp else { return nil }
        guard timestamp.count >= 16 else { return timestamp.displaySafe }
        return timestamp.prefix(10) + " " + timestamp.dropFirst(11).prefix(5)
    }

    static func line(_ cells: [Cell], widths: [Int], style: Style, header: Bool) -> String {
        let padded = cells.enumerated().map { column, cell in
            let padding = column == cells.count - 1 ? "" : String(repeating: " ", count: widths[column] - cell.text.count)
            return (header ? style.bold(cell.text) : cell.colour(style, cell.text)) + padding
        }
        return padded.joined(separator: "  ") + "\n"
    }

    /// `5 webhooks on 2 sites: 3 managed, 1 adopted, 0 unknown, 1 unmanaged (1 deleted by the next apply).`
    public static func summaryLine(_ listing: WebhookListing, style: Style) -> String {
        let s = listing.summary
        let siteCount = listing.sites.count
        var line = "\(s.webhooks) webhook\(s.webhooks == 1 ? "" : "s") on \(siteCount) site\(siteCount == 1 ? "" : "s"): "
            + "\(s.managed) managed, \(s.adopted) adopted, \(s.unknown) unknown, \(s.unmanaged) unmanaged"
        if s.deletedByNextApply > 0 { line += " (\(s.deletedByNextApply) deleted by the next apply)" }
        line += "."
        if s.failedSites > 0 {
            line += " " + style.red("\(s.failedSites) site\(s.failedSites == 1 ? "" : "s") could not be listed.")
        }
        return line
    }
}
