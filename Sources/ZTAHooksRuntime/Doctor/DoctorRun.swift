import Foundation
import ZTAClient
import ZTAHooksCore

/// `ztahooks doctor`: one checklist before the first apply, gathered from the files, the API, the
/// clock, the secrets file and git; the judgement of each check is `DoctorChecks`'.
public struct DoctorRun: Sendable {
    public var paths: [String]
    /// The scratch site of `--contract`: a round trip there checks every answer against the contract.
    public var contractSite: String?

    public init(paths: [String], contractSite: String?) {
        self.paths = paths
        self.contractSite = contractSite
    }

    /// Every check; a scratch site that a site file manages ends the run as bad usage.
    public func checks(_ context: CommandContext) async throws -> [DoctorCheck] {
        let api = context.api
        var checks = [DoctorChecks.projectFile(context.project)]
        let (loaded, _) = await SiteInput.read(paths: paths, project: context.project, announce: false)
        checks.append(DoctorChecks.siteFiles(loaded))
        if let contractSite, loaded.sites.contains(where: { $0.site == contractSite }) {
            StandardError.write("error: --site \(contractSite): a site file manages it; --contract needs a scratch site no file declares\n")
            throw CommandExit(.usage)
        }

        let origin = api.origin
        let facts = DoctorSecrets.facts(context.secrets, sandbox: api.sandbox)
        let connection: APIConnection
        do {
            connection = try await api.connect()
        } catch let error as APIError {
            checks.append(DoctorCheck("api", .fail, error.message, fix: "set ZTA_API_TOKEN (or --token-file), or try --sandbox"))
            return checks
        }
        defer { Task { await connection.close() } }
        guard let client = connection.api as? ZTAHTTPClient else { return checks }

        let sites = loaded.sites.map(\.site)
        let probes = await Self.list(sites.isEmpty ? [contractSite ?? "site_doctor"] : sites, client: client)
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
        if let contractSite, reachable {
            checks.append(await DoctorSecrets.contract(site: contractSite, client: client))
        }
        return checks
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
