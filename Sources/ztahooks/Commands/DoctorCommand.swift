import ArgumentParser
import Foundation
import ZTAClient
import ZTAHooksCore

/// `ztahooks doctor`: one checklist before the first apply.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the setup before the first apply: files, API, token, sites, clock, secrets file, key, git.",
        discussion: """
            Each line is ok, warn or fail, with the fix. It reads the project file and the site \
            files, lists every declared site once (one request each, no retry: it shows the API \
            as it is), compares this machine's clock with the API's Date header (warn beyond 5 \
            minutes), and looks at the secrets file (present or a first run, mode, the API it \
            belongs to, lock, journal, sealed with the key given, every managed live webhook's \
            secret) and at how git treats it. With --contract --site SCRATCH it also creates a \
            webhook on that site pointing at a host that never resolves, lists it, deletes it and \
            lists again, checking every answer against the contract of the API \
            (schemas/zta-api.openapi.yaml). Changes nothing else; never prints a secret or the \
            token. Exit codes: 0 nothing failed (warnings allowed); 1 something failed; 64 usage.

            Examples:
              ztahooks doctor
              ztahooks doctor --sandbox
              ztahooks doctor --contract --site site_scratch --format json
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: ArgumentHelp("Site files or directories. Default: the project file's paths, else the current directory.", valueName: "path"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("text or json.", valueName: "format"))
    var format: Format = .text

    @Flag(help: "Also run a create-list-delete round trip on --site and check every answer against the API's contract.")
    var contract = false

    @Option(name: .customLong("site"), help: ArgumentHelp("The scratch site for --contract: a site of this token that no site file manages.", valueName: "site-id"))
    var scratchSite: String?

    @OptionGroup var config: ProjectOptions
    @OptionGroup var api: APIOptions
    @OptionGroup var secrets: SecretsOptions

    func validate() throws {
        if contract, scratchSite == nil { throw ValidationError("--contract needs --site SCRATCH: a site of this token that no site file manages") }
        if !contract, scratchSite != nil { throw ValidationError("--site is for --contract") }
        if let scratchSite, !SiteFormat.isValidSiteID(scratchSite) { throw ValidationError("--site '\(scratchSite.displaySafe)' is not a site ID") }
    }

    func run() async throws {
        let terminal = Terminal.current()
        let project = config.load()
        let api = self.api.defaulted(by: project.project)
        let secrets = self.secrets.defaulted(by: project.project, sandbox: api.sandbox)
        var checks = [DoctorChecks.projectFile(project)]
        let (loaded, _) = await SiteInput.read(paths: paths, project: project, announce: false)
        checks.append(DoctorChecks.siteFiles(loaded))
        if let scratchSite, loaded.sites.contains(where: { $0.site == scratchSite }) {
            StandardError.write("error: --site \(scratchSite): a site file manages it; --contract needs a scratch site no file declares\n")
            throw ExitCode(ExitStatus.usage.rawValue)
        }

        let origin = api.origin
        let facts = DoctorSecrets.facts(secrets, sandbox: api.sandbox)
        let connection: APIConnection
        do {
            connection = try await api.connect()
        } catch let error as APIError {
            checks.append(DoctorCheck("api", .fail, error.message, fix: "set ZTA_API_TOKEN (or --token-file), or try --sandbox"))
            return try finish(checks, terminal: terminal)
        }
        defer { Task { await connection.close() } }
        guard let client = connection.api as? ZTAHTTPClient else { return try finish(checks, terminal: terminal) }

        let sites = loaded.sites.map(\.site)
        let probes = await Self.list(sites.isEmpty ? [scratchSite ?? "site_doctor"] : sites, client: client)
        let first = probes[0].probe
        checks.append(DoctorChecks.api(origin: origin, proxy: DoctorSecrets.proxy(for: client.configuration.baseURL),
                                       probe: first, sandbox: api.sandbox))
        let reachable = first.failure == nil && first.status != 401
        if reachable {
            if !sites.isEmpty { checks += DoctorChecks.siteAccess(probes.map { ($0.site, $0.probe) }) }
            checks.append(DoctorChecks.clock(local: Date(), server: first.date))
        }
        checks += DoctorChecks.secretsFile(facts, origin: origin)
        if reachable, let snapshot = facts.inspection?.snapshot {
            var live: [String: Planner.LiveState] = [:]
            for entry in probes { if let webhooks = entry.webhooks { live[entry.site] = .success(webhooks) } }
            let listed = loaded.sites.filter { live[$0.site] != nil }
            checks.append(DoctorChecks.secrets(Planner.plan(sites: listed, live: live, secrets: snapshot)))
        }
        checks.append(DoctorSecrets.git(path: facts.path, sealed: facts.inspection?.snapshot.isSealed ?? (facts.keyId != nil)))
        if contract, let scratchSite, reachable {
            checks.append(await DoctorSecrets.contract(site: scratchSite, client: client))
        }
        try finish(checks, terminal: terminal)
    }

    private func finish(_ checks: [DoctorCheck], terminal: Terminal) throws {
        let report = DoctorReport(checks: checks)
        switch format {
        case .text: StandardOutput.write(DoctorRenderer.text(report, style: Style(enabled: terminal.colorOnStdout)))
        case .json: StandardOutput.write(DoctorRenderer.json(report))
        }
        if report.failed { throw ExitCode(ExitStatus.failure.rawValue) }
    }

    /// Lists every site once, eight at a time: the answer as it is, and the webhooks when it is a list.
    static func list(_ sites: [String], client: ZTAHTTPClient) async -> [(site: String, probe: DoctorProbe, webhooks: [LiveWebhook]?)] {
        await withTaskGroup(of: (Int, DoctorProbe, [LiveWebhook]?).self) { group in
            var results = [(site: String, probe: DoctorProbe, webhooks: [LiveWebhook]?)?](repeating: nil, count: sites.count)
            var next = 0
            func add() {
                guard next < sites.count else { return }
                let index = next
                next += 1
                group.addTask {
                    let outcome = await client.probe(.get, query: ("siteId", sites[index]))
                    switch outcome {
                    case .success(let exchange):
                        let ok = (200...299).contains(exchange.status)
                        return (index, DoctorProbe(status: exchange.status, serverMessage: ok ? nil : exchange.serverMessage, date: exchange.date),
                                ok ? exchange.listedWebhooks : nil)
                    case .failure(let failure):
                        return (index, DoctorProbe(failure: failure.detail), nil)
                    }
                }
            }
            for _ in 0..<8 { add() }
            for await (index, probe, webhooks) in group {
                results[index] = (sites[index], probe, webhooks)
                add()
            }
            return results.compactMap { $0 }
        }
    }
}
