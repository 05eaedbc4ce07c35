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
                StandardError.write("error: \(error.message)\n")
                throw ExitCode(1)
            }
        }
        return live
    }

    /// Opens the API `options` name, lists the sites and closes it again: the whole of what a
    /// read-only command needs from the API.
    static func fetch(_ sites: [SiteFile], options: APIOptions) async throws -> [String: Planner.LiveState] {
        let connection = try await options.connect()
        do {
            let live = try await fetch(sites, api: connection.api, concurrency: options.concurrency)
            await connection.close()
            return live
        } catch {
            await connection.close()
            throw error
        }
    }
}
