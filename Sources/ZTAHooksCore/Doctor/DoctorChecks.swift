import Foundation

/// What one request of `doctor` got: a status (with the server's `error` words and `Date`
/// header), or why there was none.
public struct DoctorProbe: Hashable, Sendable {
    public var status: Int?
    /// The answer's `{"error": ...}`, display-safe and without secrets (the client scrubs it).
    public var serverMessage: String?
    /// The `Date` header.
    public var date: Date?
    /// Why no answer came: connection refused, TLS, timeout.
    public var failure: String?

    public init(status: Int? = nil, serverMessage: String? = nil, date: Date? = nil, failure: String? = nil) {
        self.status = status
        self.serverMessage = serverMessage
        self.date = date
        self.failure = failure
    }
}

/// What `doctor` found about the secrets file on disk, gathered by the executable.
public struct DoctorSecretsFacts: Sendable {
    public var path: String
    /// `nil` when there is no file (a first run).
    public var inspection: SecretsInspection?
    /// Why it could not be read, when it could not.
    public var readError: String?
    /// The permission bits, when the file exists.
    public var mode: UInt32?
    /// The key given (`ZTAHOOKS_SECRETS_KEY`, `--secrets-key-file`) and where from; `nil` for none.
    public var keyId: String?
    public var keySource: String?
    /// Why the key could not be read, or did not open the file's secrets.
    public var keyError: String?
    /// Whether another run holds the lock right now (`nil` when the lock file names no one).
    public var lockHolder: String?

    public init(path: String) {
        self.path = path
    }
}

/// The checks of `ztahooks doctor`, each a pure function of what was found.
public enum DoctorChecks {
    public static let clockTolerance: TimeInterval = 300

    public static func projectFile(_ result: ProjectLoadResult) -> DoctorCheck {
        if let error = result.diagnostics.first(where: { $0.severity == .error }) {
            return DoctorCheck("project-file", .fail, "\(error.description) (\(result.diagnostics.count { $0.severity == .error }) error(s))",
                               fix: "fix the project file; `ztahooks validate` shows every problem")
        }
        guard let project = result.project else {
            return DoctorCheck("project-file", .warn, "no \(ProjectFormat.fileName) here or in a parent up to the repository root",
                               fix: "`ztahooks init` writes one; without it commands read site files under the current directory")
        }
        let paths = project.paths.isEmpty ? "no paths (site files under the current directory)" : "site files in \(project.paths.joined(separator: ", "))"
        return DoctorCheck("project-file", .ok, "\(project.path): valid; \(paths)")
    }

    public static func siteFiles(_ result: SiteLoadResult) -> DoctorCheck {
        let summary = result.summary
        let errors = result.diagnostics.filter { $0.severity == .error }
        if let first = errors.first {
            return DoctorCheck("site-files", .fail, "\(summary.files) file(s), \(errors.count) error(s), the first: \(first.description)",
                               fix: "`ztahooks validate` lists every problem with its line")
        }
        if result.sites.isEmpty {
            return DoctorCheck("site-files", .fail, "no site files found", fix: "add one under sites/ (`ztahooks init` writes an example)")
        }
        return DoctorCheck("site-files", .ok, "\(result.sites.count) site(s), \(summary.webhooks) webhook(s), no errors"
            + (summary.warnings > 0 ? " (\(summary.warnings) warning(s))" : ""))
    }

    /// The API as the first site's listing found it: reachable, and the token accepted.
    public static func api(origin: String, proxy: String?, probe: DoctorProbe, sandbox: Bool) -> DoctorCheck {
        let via = proxy.map { " through the proxy \($0)" } ?? ""
        if let failure = probe.failure {
            return DoctorCheck("api", .fail, "\(origin) could not be reached\(via): \(failure)",
                               fix: "check ZTA_API_URL (or --api-url), the network and the proxy variables (HTTPS_PROXY, NO_PROXY)")
        }
        switch probe.status ?? 0 {
        case 401:
            return DoctorCheck("api", .fail, "\(origin) refused the token (401\(probe.serverMessage.map { " \($0)" } ?? ""))",
                               fix: "set ZTA_API_TOKEN (or --token-file) to a valid API token of the account that owns the sites")
        case 429:
            return DoctorCheck("api", .warn, "\(origin) answered 429 Too Many Requests\(via)",
                               fix: "another job may be using the same token heavily; run doctor again in a minute")
        case 500...599:
            return DoctorCheck("api", .fail, "\(origin) answered \(probe.status ?? 0)\(probe.serverMessage.map { ": \($0)" } ?? "")\(via)",
                               fix: "the API is failing; try again later")
        case 200...299, 403, 404, 400:
            if sandbox { return DoctorCheck("api", .ok, "the sandbox's emulator answers (no account or token needed)") }
            let how = origin.hasPrefix("https:") ? "reachable over verified TLS" : "reachable on loopback"
            return DoctorCheck("api", .ok, "\(origin): \(how)\(via); the token is accepted")
        default:
            return DoctorCheck("api", .fail, "\(origin) answered \(probe.status ?? 0)\(probe.serverMessage.map { ": \($0)" } ?? "")",
                               fix: "check that ZTA_API_URL points at the ZTA API")
        }
    }

    /// One line for all sites when each can be listed; a failing line per site that cannot.
    public static func siteAccess(_ probes: [(site: String, probe: DoctorProbe)]) -> [DoctorCheck] {
        var failing: [DoctorCheck] = []
        for (site, probe) in probes {
            if let failure = probe.failure {
                failing.append(DoctorCheck("site-access", .fail, "\(site): could not be listed: \(failure)", fix: "run doctor again; check the network"))
                continue
            }
            switch probe.status ?? 0 {
            case 200...299:
                continue
            case 403:
                failing.append(DoctorCheck("site-access", .fail, "\(site): this token may not read it (403\(probe.serverMessage.map { " \($0)" } ?? ""))",
                                           fix: "check the site ID in its site file, or use a token of the account that owns \(site)"))
            default:
                failing.append(DoctorCheck("site-access", .fail, "\(site): listing it answered \(probe.status ?? 0)\(probe.serverMessage.map { " \($0)" } ?? "")",
                                           fix: "check the site ID in its site file"))
            }
        }
        if failing.isEmpty {
            return [DoctorCheck("site-access", probes.isEmpty ? .warn : .ok,
                                probes.isEmpty ? "no site declared to list" : "every declared site can be listed (\(probes.count))")]
        }
        return failing
    }

    /// This machine's clock against the API's `Date` header.
    public static func clock(local: Date, server: Date?) -> DoctorCheck {
        guard let server else {
            return DoctorCheck("clock", .warn, "the API sent no Date header to compare the clock with",
                               fix: "make sure this machine's clock is synchronised (NTP)")
        }
        let skew = local.timeIntervalSince(server)
        let words = DurationText.format(seconds: Int(abs(skew).rounded()))
        if abs(skew) > clockTolerance {
            return DoctorCheck("clock", .warn, "this machine's clock is \(words) \(skew > 0 ? "ahead of" : "behind") the API's",
                               fix: "synchronise the clock (NTP): drift's staleness and the secrets' retiredAt read times")
        }
        return DoctorCheck("clock", .ok, abs(skew) < 1 ? "within a second of the API's" : "within \(words) of the API's")
    }

    /// The secrets file: present or a first run, its mode, lock, journal, binding, key.
    public static func secretsFile(_ facts: DoctorSecretsFacts, origin: String) -> [DoctorCheck] {
        if let readError = facts.readError {
            return [DoctorCheck("secrets-file", .fail, readError, fix: "restore the file from git or a backup; `ztahooks secrets list` shows what it holds")]
        }
        guard let inspection = facts.inspection else {
            var checks = [DoctorCheck("secrets-file", .ok, "\(facts.path) does not exist yet: the first apply creates it (mode 0600), bound to \(origin)")]
            checks.append(key(facts, sealed: false, exists: false))
            return checks
        }
        let snapshot = inspection.snapshot
        var checks: [DoctorCheck] = []
        var notes: [String] = []
        var worst = DoctorCheck.Status.ok
        var fixes: [String] = []
        if let mode = facts.mode, mode & 0o077 != 0 {
            let plain = snapshot.entries.contains { $0.secret != nil && $0.sealed == nil } && !snapshot.isSealed
            worst = max(worst, plain ? .fail : .warn)
            notes.append("mode \(String(mode, radix: 8)), readable by others")
            fixes.append("chmod 600 \(facts.path)")
        } else if let mode = facts.mode {
            notes.append("mode \(String(mode, radix: 8))")
        }
        if let bound = snapshot.api, bound != origin {
            worst = .fail
            notes.append("belongs to \(APIOrigin.describe(bound)), not \(APIOrigin.describe(origin))")
            fixes.append("point ZTA_API_URL at \(bound), or `ztahooks secrets rebind \(origin) --secrets-file \(facts.path)` if the API moved")
        } else {
            notes.append(snapshot.api.map { "belongs to \(APIOrigin.describe($0))" } ?? "bound to \(origin) by the next apply")
        }
        if let holder = facts.lockHolder {
            worst = max(worst, .warn)
            notes.append("locked by a running apply (\(holder))")
            fixes.append("wait for that apply to finish")
        } else {
            notes.append("lock free")
        }
        if !inspection.recovery.isEmpty {
            worst = max(worst, inspection.recovery.lostSecrets ? .fail : .warn)
            notes.append("a journal left by an interrupted run (\(inspection.recovery.replayedRecords) record(s))")
            fixes.append(inspection.recovery.lostSecrets ? "run `ztahooks plan`: it replaces the webhooks whose secret was lost"
                : "the next apply folds it in; keep both files until then")
        } else {
            notes.append("no journal")
        }
        notes.insert("\(snapshot.entries.count) webhook(s), \(snapshot.retired.count) retired", at: 0)
        checks.append(DoctorCheck("secrets-file", worst, "\(facts.path): " + notes.joined(separator: ", "),
                                  fix: fixes.isEmpty ? nil : fixes.joined(separator: "; ")))
        checks.append(key(facts, sealed: snapshot.isSealed, exists: true, sealedWith: snapshot.encryption?.keyId))
        return checks
    }

    /// The key against the file: needed when it is sealed, and it must be the one it was sealed with.
    static func key(_ facts: DoctorSecretsFacts, sealed: Bool, exists: Bool, sealedWith: String? = nil) -> DoctorCheck {
        if let keyError = facts.keyError {
            return DoctorCheck("key", .fail, keyError, fix: "give the key the file was sealed with (ZTAHOOKS_SECRETS_KEY or --secrets-key-file)")
        }
        switch (sealed, facts.keyId) {
        case (true, nil):
            return DoctorCheck("key", .fail, "the secrets file is sealed\(sealedWith.map { " with key \($0)" } ?? "") and no key is given",
                               fix: "set ZTAHOOKS_SECRETS_KEY (or pass --secrets-key-file): apply cannot record a new secret without it")
        case (true, let id?):
            return DoctorCheck("key", .ok, "key \(id) from \(facts.keySource ?? "the environment") opens every secret")
        case (false, let id?):
            return DoctorCheck("key", .ok, "key \(id) from \(facts.keySource ?? "the environment"): "
                + (exists ? "the next apply seals the plain-text secrets with it" : "the first apply seals the file with it"))
        case (false, nil):
            return DoctorCheck("key", .warn, exists ? "the secrets file is plain text and no key is given" : "no key is given: the file will be plain text",
                               fix: "`ztahooks secrets keygen` and ZTAHOOKS_SECRETS_KEY seal it, so that CI can commit it")
        }
    }

    /// Every managed live webhook has its secret, as the plan sees it.
    public static func secrets(_ plan: Plan) -> DoctorCheck {
        let listed = plan.sites.filter { $0.error == nil }
        let unchanged = listed.flatMap { site in site.unchanged.map { (site.siteId, $0) } }
        let missing = unchanged.filter { !$0.1.flags.isEmpty }
        let lost = listed.flatMap(\.actions).filter { $0.reasons.contains(Reason.lostInFlight) }
        if missing.isEmpty && lost.isEmpty {
            return DoctorCheck("secrets", .ok, "every managed live webhook has its secret (\(unchanged.count))")
        }
        let names = (missing.map { "\($0.0)/\($0.1.name)" } + lost.compactMap { $0.name }).sorted()
        let shown = names.prefix(5).joined(separator: ", ") + (names.count > 5 ? " and \(names.count - 5) more" : "")
        return DoctorCheck("secrets", .warn, "\(names.count) managed webhook(s) without a secret in the file: \(shown)",
                           fix: "`ztahooks rotate SITE/NAME` mints a new secret for each (an adopted webhook's secret was never seen)")
    }

    /// Whether git keeps the secrets file as the CI recipes expect: sealed, committed; plain, ignored.
    public static func git(path: String, sealed: Bool, inRepository: Bool, tracked: Bool, ignored: Bool) -> DoctorCheck {
        guard inRepository else { return DoctorCheck("git", .ok, "not in a git repository") }
        switch (sealed, tracked, ignored) {
        case (false, true, _):
            return DoctorCheck("git", .fail, "\(path) holds plain-text secrets and is tracked by git",
                               fix: "seal it (`ztahooks secrets keygen`, then apply with ZTAHOOKS_SECRETS_KEY), and treat the secrets in git history as exposed")
        case (false, false, false):
            return DoctorCheck("git", .warn, "\(path) would be committed by `git add -A` with plain-text secrets",
                               fix: "add '.ztahooks/' to .gitignore, or seal the file")
        case (false, false, true):
            return DoctorCheck("git", .ok, "\(path) is ignored by git (plain text stays off the repository)")
        case (true, _, true):
            return DoctorCheck("git", .warn, "\(path) is sealed but ignored: the CI apply job cannot commit it back",
                               fix: "let it through: '.ztahooks/*', '!.ztahooks/secrets.json', '!.ztahooks/secrets.json.journal'")
        case (true, _, false):
            return DoctorCheck("git", .ok, "\(path) is sealed and can be committed, as the CI action expects")
        }
    }
}
