import ArgumentParser
import ZTAHooksCore

/// Reads the live webhooks of the declared sites for a command.
enum LiveState {
    /// Lists every site in parallel. A fatal error (a refused token, a bad setup) would be the
    /// same for every site, so it is reported once and ends the command instead of a thousand times.
    static func fetch(_ sites: [SiteFile], api: any WebhookAPI, concurrency: Int) async throws -> [String: Planner.LiveState] {
        let live = await api.listAll(sites: sites.map(\.site), concurrency: concurrency)
        for result in live.values {
            if case .failure(let error) = result, error.isFatal {
                StandardError.write("error: \(error.message.displaySafe)\n")
                throw ExitCode(1)
            }
        }
        return live
    }
}
