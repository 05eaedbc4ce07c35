import ArgumentParser
import ZTAHooksCore

/// Reads the live webhooks of the declared sites for a command.
enum LiveState {
    /// Lists every site through the pipeline; a fatal error (a refused token) is reported once
    /// and ends the command with exit 1, instead of once per site.
    static func observe(_ sites: [SiteFile], reconciler: Reconciler) async throws -> LiveView {
        do {
            return try await reconciler.observe(sites)
        } catch {
            StandardError.write("error: \(error.message)\n")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
    }

    /// As `observe`, for commands that take the sites' results as a dictionary.
    static func fetch(_ sites: [SiteFile], api: any WebhookAPI, concurrency: Int) async throws -> [String: Planner.LiveState] {
        try await observe(sites, reconciler: Reconciler(api: api, concurrency: concurrency)).sites
    }
}
