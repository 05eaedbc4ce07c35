import Foundation
import Logging
import ZTAClient
import ZTAHooksCore
import ZTASim

/// An emulator on a free loopback port and a client pointed at it, torn down after the body.
struct SimClientHarness {
    static let token = "tok_e2e_7f3a9c"
    static let ownedSites: Set<String> = ["site_a", "site_b"]

    let server: SimServer
    let client: ZTAHTTPClient
    let sleeps: RecordedSleeps

    /// A client on the same emulator with other settings (another token, a shorter timeout, ...).
    func client(_ change: (inout ClientConfiguration) -> Void) -> ZTAHTTPClient {
        var configuration = client.configuration
        change(&configuration)
        return ZTAHTTPClient(configuration: configuration, timing: sleeps.timing)
    }

    func faults(_ update: SimFaultUpdate) async {
        let problem = await server.faults.update(update)
        precondition(problem == nil, "bad fault update: \(problem ?? "")")
    }

    static func with(
        _ options: SimOptions = SimOptions(tokens: [token: ownedSites], seed: 42),
        configure: (inout ClientConfiguration) -> Void = { _ in },
        _ body: (SimClientHarness) async throws -> Void
    ) async throws {
        let server = try await SimServer.start(options: options)
        // Retries do not really sleep (RecordedSleeps), so only the timeout costs wall time.
        var configuration = ClientConfiguration(
            baseURL: URL(string: server.baseURL)!, token: token, timeout: .seconds(5), maxAttempts: 4,
            backoffBase: .milliseconds(1), backoffCap: .milliseconds(10))
        configure(&configuration)
        let sleeps = RecordedSleeps()
        let client = ZTAHTTPClient(configuration: configuration, timing: sleeps.timing)
        do {
            try await body(SimClientHarness(server: server, client: client, sleeps: sleeps))
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }
}

/// Runs an operation that should fail and returns its error; nil when it succeeded.
func expectFailure<T>(_ operation: () async throws(APIError) -> T) async -> APIError? {
    do {
        _ = try await operation()
        return nil
    } catch {
        return error
    }
}
