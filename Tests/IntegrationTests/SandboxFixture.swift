import Foundation
import ZTAClient
import ZTAHooksCore
import ZTASim

/// An emulator on a loopback port, a client on it, and a secrets file in a scratch directory.
struct SandboxFixture {
    let server: SimServer
    let api: ZTAHTTPClient
    let directory: URL

    var secretsPath: String { directory.appendingPathComponent("secrets.json").path }

    static func start(_ options: SimOptions = SimOptions(), timeout: Duration = .seconds(3)) async throws -> SandboxFixture {
        let server = try await SimServer.start(host: "127.0.0.1", port: 0, options: options)
        // Short backoffs and a small Retry-After cap keep fault tests fast; the policy is the production one.
        let configuration = ClientConfiguration(
            baseURL: URL(string: server.baseURL)!, token: nil, timeout: timeout, maxAttempts: 6,
            backoffBase: .milliseconds(2), backoffCap: .milliseconds(20), maxRetryAfter: .milliseconds(50), concurrency: 8)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ztahooks-it-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return SandboxFixture(server: server, api: ZTAHTTPClient(configuration: configuration), directory: directory)
    }

    func stop() async {
        await server.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// One full `apply` as the command runs it: lock the secrets file, read live state, plan, apply, fold.
    func apply(_ sites: [SiteFile], concurrency: Int = 8) async throws -> (plan: Plan, report: ApplyReport) {
        let store = try SecretsStore.open(path: secretsPath)
        let live = await api.listAll(sites: sites.map(\.site), concurrency: concurrency)
        let plan = Planner.plan(sites: sites, live: live, secrets: await store.snapshot)
        let report = await Applier(api: api, secrets: store, concurrency: concurrency)
            .apply(plan, live: live.compactMapValues { try? $0.get() })
        try await store.close()
        return (plan, report)
    }

    /// A plan made now, without changing anything.
    func plan(_ sites: [SiteFile]) async throws -> Plan {
        let secrets = try SecretsStore.read(path: secretsPath)
        let live = await api.listAll(sites: sites.map(\.site), concurrency: 8)
        return Planner.plan(sites: sites, live: live, secrets: secrets)
    }

    /// Site files in memory: `count` sites of `webhooks` webhooks each.
    static func sites(_ count: Int, webhooks: Int, events: [EventType] = [.pageview, .goal]) -> [SiteFile] {
        (0..<count).map { s in
            let site = "site_it\(s)"
            let declared = (0..<webhooks).map { w in
                DeclaredWebhook(name: "hook-\(w)", url: "https://hooks.example.com/\(site)/\(w)", events: events,
                                location: SourceLocation(file: "\(site).yaml", line: 1, column: 1))
            }
            return SiteFile(path: "\(site).yaml", site: site, webhooks: declared)
        }
    }

    /// Checks the end state: every declared webhook live exactly once with its events, and every
    /// live webhook's secret in the secrets file, equal to the emulator's.
    func expectConverged(_ sites: [SiteFile]) async throws -> [String] {
        var problems: [String] = []
        let live = await server.state.webhooks
        let secrets = try SecretsStore.read(path: secretsPath)
        for site in sites {
            let siteLive = live.filter { $0.siteId == site.site }
            if siteLive.count != site.webhooks.count {
                problems.append("\(site.site): \(siteLive.count) live, \(site.webhooks.count) declared")
            }
            for declared in site.webhooks {
                let matches = siteLive.filter { WebhookURL.normalized($0.url) == declared.identity }
                if matches.count != 1 { problems.append("\(site.site)/\(declared.name): \(matches.count) live copies") }
                if let match = matches.first, Set(match.events) != Set(declared.events.map(\.rawValue)) {
                    problems.append("\(site.site)/\(declared.name): events \(match.events)")
                }
            }
        }
        for webhook in live {
            guard let entry = secrets.entry(id: webhook.id) else {
                problems.append("\(webhook.siteId) \(webhook.id): not in the secrets file")
                continue
            }
            if entry.secret != webhook.secret { problems.append("\(webhook.siteId) \(webhook.id): secret differs from the emulator's") }
        }
        if !secrets.unresolvedIntents.isEmpty { problems.append("\(secrets.unresolvedIntents.count) unresolved intents") }
        return problems
    }
}
