import ArgumentParser
import ZTAHooksCore

/// Reaches the live webhooks for a command, through the pipeline. A fatal API error (a refused
/// token, a bad setup) would be the same for every site, so it is reported once and ends the
/// command with exit 1, instead of once per site.
enum LiveState {
    /// Opens the API `options` name (the sandbox or the real one), runs `body` with a pipeline
    /// on it, and closes it again.
    static func withReconciler<T>(_ options: APIOptions, _ body: (Reconciler) async throws(APIError) -> T) async throws -> T {
        let connection = try await options.connect()
        let outcome: Result<T, APIError>
        do throws(APIError) {
            outcome = .success(try await body(Reconciler(api: connection.api, concurrency: options.sitesAtOnce)))
        } catch {
            outcome = .failure(error)
        }
        await connection.close()
        return try reportingFatal(outcome.get)
    }

    /// Lists the sites with an open pipeline (an apply's session).
    static func observe(_ sites: [SiteFile], reconciler: Reconciler) async throws -> LiveView {
        let outcome: Result<LiveView, APIError>
        do throws(APIError) {
            outcome = .success(try await reconciler.observe(sites))
        } catch {
            outcome = .failure(error)
        }
        return try reportingFatal(outcome.get)
    }

    private static func reportingFatal<T>(_ result: () throws(APIError) -> T) throws -> T {
        do throws(APIError) {
            return try result()
        } catch {
            StandardError.write("error: \(error.message.displaySafe)\n")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
    }
}
