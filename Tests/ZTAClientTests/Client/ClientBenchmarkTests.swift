import Foundation
import Testing
import ZTAClient
import ZTAHooksCore
import ZTASim

/// Prints how listing many sites scales with concurrency against the emulator's fixed latency,
/// next to the floor that latency sets (sites × latency / concurrency); asserts nothing about time.
/// Run with `BENCH=1 swift test -c release --filter ClientBenchmarkTests`.
@Suite struct ClientBenchmarkTests {
    static let enabled = ProcessInfo.processInfo.environment["BENCH"] == "1"

    @Test(.enabled(if: enabled)) func listAllScalesWithConcurrency() async throws {
        let sites = 400
        let latency = Duration.milliseconds(20)
        let server = try await SimServer.start(options: SimOptions(latency: latency))
        defer { Task { await server.stop() } }
        let clock = ContinuousClock()
        print("client bench: \(sites) sites, \(latency) latency per answer")
        for concurrency in [1, 8, 32, 64] {
            let configuration = ClientConfiguration(baseURL: URL(string: server.baseURL)!, concurrency: concurrency)
            let client = ZTAHTTPClient(configuration: configuration)
            let names = (0..<sites).map { "site_\($0)" }
            _ = await client.listAll(sites: Array(names.prefix(concurrency)), concurrency: concurrency)  // warm the connections
            var failures = 0
            let elapsed = await clock.measure {
                let results = await client.listAll(sites: names, concurrency: concurrency)
                failures = results.values.filter { if case .failure = $0 { true } else { false } }.count
            }
            let floor = latency * (sites / concurrency)
            let ratio = Double(elapsed.components.attoseconds / 1_000_000_000_000 + elapsed.components.seconds * 1_000_000)
                / Double(floor.components.attoseconds / 1_000_000_000_000 + floor.components.seconds * 1_000_000)
            print("client bench: concurrency \(concurrency): \(elapsed) (floor \(floor), \(String(format: "%.2f", ratio))×), failures \(failures)")
            #expect(failures == 0)
        }
    }
}
