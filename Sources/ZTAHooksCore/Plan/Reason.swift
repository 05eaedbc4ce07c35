/// The words a plan uses to explain itself, kept in one place so that text, Markdown and JSON agree.
/// Each sentence has a stable code (`ReasonCode`), recovered from the fixed parts named here.
enum Reason {
    static let notLive = "not live"
    static let lostInFlight =
        "created by an interrupted apply whose answer was lost: its secret is unknown, so it is re-created"
    /// For an orphan of a lost create that nothing declares (or that duplicates a kept webhook).
    static let lostInFlightUnwanted =
        "created by an interrupted apply whose answer was lost: its secret is unknown and nothing keeps it, so it is deleted"
    /// A retired entry's webhook is listed again.
    static let listedAgain = "listed again: its retired secret is restored"
    static let disabled =
        "disabled by ZTA after failed deliveries (active: false); re-creating is the only way to re-enable it"

    static let duplicatePrefix = "duplicate of "
    static let notDeclaredPrefix = "not declared in "
    static let eventsChangedPrefix = "events changed: "
    static let secretUnknownPrefix = "secret unknown; "
    static let adoptedSecretPrefix = "adopted: its secret was never seen by ztahooks; "
    static let descriptionChangedMarker = ": description differs from the one sent at creation; "

    static func duplicate(of id: String) -> String {
        "\(duplicatePrefix)\(id) (same URL)"
    }

    static func notDeclared(in file: String) -> String {
        notDeclaredPrefix + file
    }

    /// "events changed: +alert −goal", added in the document's order.
    static func eventsChanged(from current: [String], to wanted: [String]) -> String {
        let added = wanted.filter { !current.contains($0) }.map { "+\($0)" }
        let removed = current.filter { !wanted.contains($0) }.map { "−\($0)" }
        return eventsChangedPrefix + (added + removed).joined(separator: " ")
    }

    static func secretUnknown(site: String, name: String) -> String {
        "\(secretUnknownPrefix)`ztahooks rotate \(site)/\(name)` mints a new one"
    }

    static func adoptedSecret(site: String, name: String) -> String {
        "\(adoptedSecretPrefix)`ztahooks rotate \(site)/\(name)` mints one"
    }

    static func descriptionChanged(site: String, name: String) -> String {
        "\(name)\(descriptionChangedMarker)the API cannot show or update it "
            + "(`ztahooks rotate \(site)/\(name)` re-creates it with the new one)"
    }

    static func overCap(declared: Int, unmanaged: Int, site: String) -> String {
        "site \(site) would hold \(declared + unmanaged) webhooks (\(declared) declared + \(unmanaged) unmanaged with prune: false), "
            + "over the API's limit of \(APILimits.maxWebhooksPerSite); declare fewer or set prune: true"
    }

    /// What a replace leaves the receiver to do: the new webhook signs with a secret the receiver
    /// at its URL has never seen, and the reviewer should know before approving.
    /// What the overlap of a create-then-delete replace means for its receiver.
    static let deliveredTwice = "until the old one is deleted, ZTA delivers each event to both: the receiver gets it twice "
        + "(listen and the ZTAWebhooks deduplicator pass it on once; see the receivers guide)"

    static func mintsSecret(url: String, order: PlannedAction.ReplaceOrder) -> String {
        switch order {
        case .createThenDelete:
            "mints a new secret: the receiver at \(url) needs it from the secrets file "
                + "(looked up by X-ZTA-Webhook-ID, old and new verify side by side until the old one is deleted)"
        case .deleteThenCreate:
            "mints a new secret: the receiver at \(url) needs it from the secrets file (looked up by X-ZTA-Webhook-ID)"
        }
    }
}
