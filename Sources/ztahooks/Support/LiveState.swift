import ArgumentParser
import ZTAHooksCore

/// Reads the live webhooks of the declared sites for a command.
enum LiveState {
    /// Lists every site in parallel. A fatal error (a refused token, a bad setup) would be the
    /// same for every site, so it is reported once and ends the command instead of a thousand times.
    static func fetch(_ sites: [SiteFile], api: any WebhookAPI, concurrency: Int) async throws -> [String: Planner.LiveState] {
        try await fetch(siteIDs: sites.map(\.site), api: api, concurrency: concurrency)
    }

    /// The same for sites named by ID, declared in a file or not (`import`, `list --site`).
    static func fetch(siteIDs: [String], api: any WebhookAPI, concurrency: Int) async throws -> [String: Planner.LiveState] {
        let live = await api.listAll(sites: siteIDs, concurrency: concurrency)
        for result in live.values {
            if case .failure(let error) = result, error.isFatal {
                StandardError.write("error: \(error.message)\n")
                throw ExitCode(1)
            }
        }
        return live
    }

    /// Connects (the sandbox or the API), lists the sites, and disconnects.
    static func fetch(siteIDs: [String], using options: APIOptions) async throws -> [String: Planner.LiveState] {
        let connection = try await options.connect()
        do {
            let live = try await fetch(siteIDs: siteIDs, api: connection.api, concurrency: options.concurrency)
            await connection.close()
            return live
        } catch {
            await connection.close()
            throw error
        }
    }
}
