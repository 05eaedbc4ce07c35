/// The machine-readable result of `apply --format json` and `rotate --format json`: what was
/// done, what failed, what was not attempted, and which receivers need a new secret. Never a secret.
public enum ApplyJSONRenderer {
    /// One action as done (or not): its live ids, never its secret.
    struct Action: Encodable {
        var action: PlannedAction.Kind
        var name: String?
        var url: String
        /// The live webhook that went away (replace, delete).
        var id: String?
        /// The webhook created (create, replace), when the answer came back.
        var newId: String?
        var message: String?
    }

    struct Site: Encodable {
        var siteId: String
        var succeeded: [Action]
        var failed: Action?
        var notAttempted: [Action]
    }

    /// A receiver that must load a new secret from the secrets file.
    struct NewSecret: Encodable {
        var siteId: String
        var name: String
        var url: String
        var id: String?
        /// The webhook it replaced, whose secret the receiver may drop once that one is gone.
        var replaces: String?
    }

    /// Done, but not as asked (a create answered with another URL or events).
    struct Warning: Encodable {
        var siteId: String
        var message: String
    }

    /// A replace's overlap: both webhooks live, each event delivered to both, for `seconds`.
    struct Overlap: Encodable {
        var siteId: String
        var url: String
        var newId: String
        var oldId: String
        var seconds: Double
    }

    struct Summary: Encodable {
        var created: Int
        var replaced: Int
        var deleted: Int
        var failed: Int
        var notAttempted: Int
    }

    struct Document: Encodable {
        var formatVersion = 1
        var command: String
        /// `success`, `failed`, `stopped` or `refused`.
        var status: String
        var summary: Summary
        var sites: [Site]
        var newSecrets: [NewSecret]
        var secretsFile: String
        var halted: String?
        var stopped: String?
        var refused: [String]
        var warnings: [Warning] = []
        var overlaps: [Overlap] = []

        // Optionals as null, not absent: scripts always see the same keys.
        enum CodingKeys: String, CodingKey {
            case formatVersion, command, status, summary, sites, newSecrets, secretsFile, halted, stopped, refused, warnings, overlaps
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(formatVersion, forKey: .formatVersion)
            try c.encode(command, forKey: .command)
            try c.encode(status, forKey: .status)
            try c.encode(summary, forKey: .summary)
            try c.encode(sites, forKey: .sites)
            try c.encode(newSecrets, forKey: .newSecrets)
            try c.encode(secretsFile, forKey: .secretsFile)
            try c.encode(halted, forKey: .halted)
            try c.encode(stopped, forKey: .stopped)
            try c.encode(refused, forKey: .refused)
            try c.encode(warnings, forKey: .warnings)
            try c.encode(overlaps, forKey: .overlaps)
        }
    }

    /// - Parameter newIDs: the id each create and replace got, by `newIDKey(site:name:)`.
    public static func render(_ report: ApplyReport, command: String, secretsFile: String, newIDs: [String: String]) -> String {
        func action(_ site: String, _ planned: PlannedAction, message: String? = nil) -> Action {
            let newId = planned.kind == .delete ? nil : newIDs[newIDKey(site: site, name: planned.displayName)]
            return Action(action: planned.kind, name: planned.name, url: planned.url, id: planned.liveID, newId: newId, message: message)
        }
        let sites = report.sites.map { site in
            Site(siteId: site.siteId, succeeded: site.succeeded.map { action(site.siteId, $0) },
                 failed: site.failure.map { action(site.siteId, $0.action, message: $0.message) },
                 notAttempted: site.skipped.map { action(site.siteId, $0) })
        }
        let newSecrets = report.sites.flatMap { site in
            site.succeeded.compactMap { planned -> NewSecret? in
                guard planned.kind != .delete, let name = planned.name else { return nil }
                return NewSecret(siteId: site.siteId, name: name, url: planned.url,
                                 id: newIDs[newIDKey(site: site.siteId, name: name)], replaces: planned.liveID)
            }
        }
        let status = report.stopped != nil ? "stopped" : report.isSuccess ? "success" : "failed"
        return StableJSON.render(Document(
            command: command, status: status, summary: summary(report), sites: sites, newSecrets: newSecrets,
            secretsFile: secretsFile, halted: report.halted, stopped: report.stopped, refused: [],
            warnings: report.warnings.map { Warning(siteId: $0.siteId, message: $0.message) },
            overlaps: report.overlaps.map { siteId, overlap in
                Overlap(siteId: siteId, url: overlap.url, newId: overlap.newId, oldId: overlap.oldId,
                        seconds: (overlap.duration.inSeconds * 1000).rounded() / 1000)
            }))
    }

    /// The result of a run that changed nothing because it was refused (a guard, a stale saved plan).
    public static func refused(_ reasons: [String], command: String, secretsFile: String) -> String {
        StableJSON.render(Document(
            command: command, status: "refused", summary: summary(ApplyReport(sites: [])), sites: [], newSecrets: [],
            secretsFile: secretsFile, halted: nil, stopped: nil, refused: reasons))
    }

    /// The key of `newIDs`: a site and a webhook's name (unique in its site).
    public static func newIDKey(site: String, name: String) -> String { "\(site)/\(name)" }

    private static func summary(_ report: ApplyReport) -> Summary {
        Summary(created: report.count(.create), replaced: report.count(.replace), deleted: report.count(.delete),
                failed: report.failures.count, notAttempted: report.skipped)
    }
}
