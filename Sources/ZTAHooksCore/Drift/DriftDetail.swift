import Foundation

/// The words drift uses for what happened and what to run, kept in one place so that text,
/// Markdown, JSON and Slack agree.
struct DriftDetail {
    let site: SiteFile
    /// The site's plan: what apply would do, named in the remedies.
    let plan: SitePlan

    static let disabled = "ZTA disabled it after failed deliveries (active: false)"
    static let secretLost = "created by an interrupted apply whose answer was lost: its secret never reached the secrets file"
    static let unrecorded =
        "live at the declared URL, but the secrets file has no record of it: created outside ztahooks, or this is not the secrets file apply writes"
    static let notHandedOff =
        "created with --on-secret, but the sink has not taken its secret yet: receivers may not verify it, and the webhook it replaces stays live until they can"
    static let handOffRemedy = "run `ztahooks apply` with --on-secret (it hands the secret off, then deletes what it replaces)"
    static let checkTraffic = "check that the site still sends these events and that the receiver accepts them"

    var notLive: String { "declared in \(site.path), never created" }

    var stranger: String {
        "neither \(site.path) nor the secrets file knows it: an unknown receiver of this site's analytics"
    }

    func deleted(_ record: SecretEntry) -> String {
        let how = record.adopted == true ? "adopted" : "created"
        let when = record.createdAt.map { " (created \($0))" } ?? ""
        return "ztahooks \(how) it as \(record.id)\(when); it is no longer live: deleted outside ztahooks"
    }

    func replaced(previous: SecretEntry) -> String {
        "the secrets file recorded \(previous.id) at this URL; this one was created outside ztahooks and its secret is unknown"
    }

    func noLongerDeclared(_ entry: SecretEntry) -> String {
        "no longer declared in \(site.path); ztahooks \(entry.adopted == true ? "adopted" : "created") it"
    }

    static func recordedDuplicate(of name: String, kept: String) -> String {
        "a second recorded webhook at the URL of \(name) (\(kept)), left by an interrupted replace"
    }

    static func strangerDuplicate(of name: String, kept: String) -> String {
        "a second webhook at the URL of \(name) (\(kept)) that neither the site file nor the secrets file knows"
    }

    static func stale(last: Date, now: Date, staleAfter: Int) -> String {
        "last triggered \(Timestamp.format(last)), \(ago(last, now)) ago (--stale-after \(DurationText.format(seconds: staleAfter)))"
    }

    static func neverTriggered(created: Date, now: Date, staleAfter: Int) -> String {
        "never triggered since it was created \(Timestamp.format(created)), \(ago(created, now)) ago "
            + "(--stale-after \(DurationText.format(seconds: staleAfter)))"
    }

    private static func ago(_ then: Date, _ now: Date) -> String {
        DurationText.format(seconds: max(0, Int(now.timeIntervalSince(then))))
    }

    /// "run `ztahooks apply` (it deletes it)": the command and what the plan says it would do.
    func applyRemedy(name: String?, id: String?) -> String {
        if let error = plan.error {
            return "`ztahooks apply` cannot fix this site until this is resolved: \(error)"
        }
        let action = plan.actions.first { action in
            if let id { return action.liveID == id }
            return action.kind == .create && action.name == name
        }
        switch action {
        case .create?: return "run `ztahooks apply` (it creates it with a new secret)"
        case .replace(let replace)?: return "run `ztahooks apply` (it replaces it, \(replace.order.rawValue))"
        case .delete?: return "run `ztahooks apply` (it deletes it)"
        case nil: return "run `ztahooks apply`"
        }
    }

    func fixReceiver(name: String, id: String) -> String {
        "fix the receiver, then " + applyRemedy(name: name, id: id)
    }

    func rotate(_ name: String) -> String {
        "run `ztahooks rotate \(site.site)/\(name)` to replace it with one whose secret ztahooks holds"
    }

    func importOrRotate(_ name: String) -> String {
        "run `ztahooks import --site \(site.site)` to adopt it, or `ztahooks rotate \(site.site)/\(name)` to mint a secret ztahooks holds"
    }

    func strangerRemedy(_ apply: String) -> String {
        "find out who created it; if it belongs, declare it and run `ztahooks import --site \(site.site)`; otherwise " + apply
    }
}
