import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import ZTAClient
import ZTASim

/// A leak check of the curl transport over 11,000 requests: prints the resident memory and
/// checks that handles are reused and all returned. Run with
/// `BENCH=1 swift test --filter CurlTransportBenchmarkTests`; the speed figures are `scripts/bench`'s.
@Suite(.serialized) struct CurlTransportBenchmarkTests {
    static let enabled = ProcessInfo.processInfo.environment["BENCH"] == "1"

    /// GETs at a concurrency, against a server; how many got a 200.
    private static func hammer(_ transport: any HTTPTransport, _ base: URL, requests: Int, concurrency: Int) async -> Int {
        let request = HTTPRequest(url: base.absoluteString + "/api/webhooks?siteId=site_a",
                                  headers: [HTTPRequest.Header("Authorization", "Bearer tok_bench")])
        let perWorker = requests / concurrency
        return await withTaskGroup(of: Int.self) { group in
            for worker in 0..<concurrency {
                let count = perWorker + (worker < requests % concurrency ? 1 : 0)
                group.addTask {
                    var ok = 0
                    for _ in 0..<count {
                        if case .success(let exchange) = await transport.send(request), exchange.status == 200 { ok += 1 }
                    }
                    return ok
                }
            }
            return await group.reduce(0, +)
        }
    }

    private static func residentKiB() -> Int {
        let fields = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8))?.split(separator: " ") ?? []
        return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) / 1024 : 0
    }

    @Test(.enabled(if: enabled)) func tenThousandRequestsDoNotGrowMemory() async throws {
        let server = try await SimServer.start(options: SimOptions())
        let base = URL(string: server.baseURL)!
        let transport = CurlTransport(timeout: .seconds(10), maxConnectionsPerHost: 8, maxBodyBytes: 1 << 20)
        let warm = await Self.hammer(transport, base, requests: 1000, concurrency: 8)
        let before = Self.residentKiB()
        let answered = await Self.hammer(transport, base, requests: 10_000, concurrency: 8)
        let after = Self.residentKiB()
        await server.stop()
        print("curl leak check: RSS \(before) KiB after 1,000 requests, \(after) KiB after 10,000 more "
            + "(\(after - before) KiB); \(transport.counters)")
        #expect(warm + answered == 11_000)
        #expect(transport.counters.handlesInUse == 0)
        #expect(transport.counters.handlesCreated <= 8)
    }
}
