/// The words a plan uses to explain itself, kept in one place so that text, Markdown and JSON agree.
enum Reason {
    static let lostInFlight =
        "created by an interrupted apply whose answer was lost: its secret is unknown, so it is re-created"
    /// For an orphan of a lost create that nothing declares (or that duplicates a kept webhook).
    static let lostInFlightUnwanted =
        "created by an interrupted apply whose answer was lost: its secret is unknown and nothing keeps it, so it is deleted"
    static let disabled =
        "disabled by ZTA after failed deliveries (active: false); re-creating is the only way to re-enable it"

    static func duplicate(of id: String) -> String {
        "duplicate of \(id) (same URL)"
    }

    static func notDeclared(in file: String) -> String {
        "not declared in \(file)"
    }

    /// "events changed: +alert −goal", added in the document's order.
    static func eventsChanged(from current: [String], to wanted: [String]) -> String {
        let added = wanted.filter { !current.contains($0) }.map { "+\($0)" }
        let removed = current.filter { !wanted.contains($0) }.map { "−\($0)" }
        return "events changed: " + (added + removed).joined(separator: " ")
    }

    static func secretUnknown(site: String, name: String) -> String {
        "secret unknown; `ztahooks rotate \(site)/\(name)` mints a new one"
    }

    static func adoptedSecret(site: String, name: String) -> String {
        "adopted: its secret was never seen by ztahooks; `ztahooks rotate \(site)/\(name)` mints one"
    }

    static func descriptionChanged(site: String, name: String) -> String {
        "\(name): description differs from the one sent at creation; the API cannot show or update it "
            + "(`ztahooks rotate \(site)/\(name)` re-creates it with the new one)"
    }

    static func overCap(declared: Int, unmanaged: Int, site: String) -> String {
        "site \(site) would hold \(declared + unmanaged) webhooks (\(declared) declared + \(unmanaged) unmanaged with prune: false), "
            + "over the API's limit of \(APILimits.maxWebhooksPerSite); declare fewer or set prune: true"
    }
}
