import ZTAHooksCore

/// Reaches the live webhooks for a command, through the pipeline. A fatal API error (a refused
/// token, a bad setup) would be the same for every site, so it is reported once and ends the
/// command with exit 1, instead of once per site.
public enum LiveState {
    /// Opens the API `options` name (the sandbox or the real one), runs `body` with a pipeline
    /// on it, and closes it again.
    public static func withReconciler<T>(_ options: APISettings, _ body: (Reconciler) async throws(APIError) -> T) async throws -> T {
        let connection = try await options.connect()
        let outcome: Result<T, APIError>
        do throws(APIError) {
            outcome = .success(try await body(Reconciler(api: connection.api, limiter: connection.limiter)))
        } catch {
            outcome = .failure(error)
        }
        await connection.close()
        return try reportingFatal(outcome.get)
    }

    /// Opens the API first, then runs `load` (the site files, which lists each site as soon as
    /// its file is parsed, through the prefetch it is given), then `body` with the pipeline and
    /// what `load` returned. Reading the files thus overlaps the first requests.
    ///
    /// If the API cannot be opened, the files are still loaded (without prefetch), so that their
    /// problems are shown as before, and then the opening's error is thrown.
    public static func withSites<Loaded, T>(
        _ options: APISettings, only siteIDs: [String] = [],
        load: (LivePrefetch?) async throws -> Loaded,
        _ body: (Reconciler, consuming Loaded, LivePrefetch) async throws(APIError) -> T
    ) async throws -> T {
        let connection: APIConnection
        do {
            connection = try await options.connect()
        } catch {
            _ = try await load(nil)
            throw error
        }
        let reconciler = Reconciler(api: connection.api, limiter: connection.limiter)
        let prefetch = reconciler.prefetch(only: siteIDs.isEmpty ? nil : Set(siteIDs))
        let outcome: Result<T, APIError>
        do {
            let loaded = try await load(prefetch)
            do throws(APIError) {
                // Handed over, not kept here: the body may free what it no longer needs.
                outcome = .success(try await body(reconciler, consume loaded, prefetch))
            } catch {
                outcome = .failure(error)
            }
        } catch {
            // The files' problems end the command: what was listed for them is not needed, but
            // the requests already sent are let finish before the API (maybe an emulator in
            // this process) is closed.
            await prefetch.finish()
            await connection.close()
            throw error
        }
        await prefetch.finish()
        await connection.close()
        return try reportingFatal(outcome.get)
    }

    /// Lists the sites with an open pipeline (an apply's session).
    public static func observe(_ sites: [SiteFile], reconciler: Reconciler) async throws -> LiveView {
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
            throw CommandExit(.failure)
        }
    }
}
