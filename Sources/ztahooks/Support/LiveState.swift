import ArgumentParser
import ZTAHooksCore

/// Reads the live webhooks of the declared sites for a command, through the pipeline.
enum LiveState {
    /// Lists every site; a fatal error (a refused token) is reported once and ends the command
    /// with exit 1, instead of once per site.
    static func observe(_ sites: [SiteFile], reconciler: Reconciler) async throws -> LiveView {
        try await observe(siteIDs: sites.map(\.site), reconciler: reconciler)
    }

    /// The same for sites named by ID, declared in a file or not (`import`, `list --site`).
    static func observe(siteIDs: [String], reconciler: Reconciler) async throws -> LiveView {
        do {
            return try await reconciler.observe(siteIDs: siteIDs)
        } catch {
            StandardError.write("error: \(error.message.displaySafe)\n")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
    }

    /// As `observe`, for commands that take the sites' results as a dictionary.
    static func fetch(_ sites: [SiteFile], api: any WebhookAPI, concurrency: Int) async throws -> [String: Planner.LiveState] {
        try await observe(sites, reconciler: Reconciler(api: api, concurrency: concurrency)).sites
    }

    static func fetch(siteIDs: [String], api: any WebhookAPI, concurrency: Int) async throws -> [String: Planner.LiveState] {
        try await observe(siteIDs: siteIDs, reconciler: Reconciler(api: api, concurrency: concurrency)).sites
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

    /// The same for declared sites.
    static func fetch(_ sites: [SiteFile], options: APIOptions) async throws -> [String: Planner.LiveState] {
        try await fetch(siteIDs: sites.map(\.site), using: options)
    }
}
