import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import ZTAClient

/// A throwaway measuring driver for the transport bake-off, off unless
/// `ZTAHOOKS_TRANSPORT_BENCH_URL` names a running emulator (`ztahooks sim serve --latency-ms 0`,
/// in its own process so that its CPU is not counted here). Prints the CPU time (user + system,
/// from getrusage) per request for each candidate; it asserts only that every request succeeded.
@Suite(.serialized) struct TransportCPUBench {
    static let url = ProcessInfo.processInfo.environment["ZTAHOOKS_TRANSPORT_BENCH_URL"].flatMap(URL.init(string:))
    static let requests = Int(ProcessInfo.processInfo.environment["ZTAHOOKS_TRANSPORT_BENCH_N"] ?? "") ?? 5000
    static let concurrency = 32

    private static func cpuSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Sends `count` GETs, at most `concurrency` at once; returns how many got a 200.
    private static func run(_ transport: any HTTPTransport, _ request: URLRequest, count: Int) async -> Int {
        await withTaskGroup(of: Bool.self) { group in
            var sent = 0
            var ok = 0
            while sent < min(concurrency, count) {
                group.addTask { (try? await transport.send(request).get().status) == 200 }
                sent += 1
            }
            for await success in group {
                if success { ok += 1 }
                if sent < count {
                    group.addTask { (try? await transport.send(request).get().status) == 200 }
                    sent += 1
                }
            }
            return ok
        }
    }

    @Test(.enabled(if: url != nil), arguments: ["urlsession", "ahc-shared", "ahc-dedicated"])
    func cpuPerRequest(_ name: String) async throws {
        let base = try #require(Self.url)
        let transport: any HTTPTransport
        switch name {
        case "urlsession":
            transport = URLSessionTransport(timeout: .seconds(10), maxConnectionsPerHost: Self.concurrency, maxBodyBytes: 1 << 20)
        case "ahc-shared":
            transport = AsyncHTTPClientTransport(timeout: .seconds(10), maxConnectionsPerHost: Self.concurrency, maxBodyBytes: 1 << 20)
        default:
            transport = AsyncHTTPClientTransport(timeout: .seconds(10), maxConnectionsPerHost: Self.concurrency, maxBodyBytes: 1 << 20,
                                                 eventLoops: .dedicated)
        }
        var request = URLRequest(url: base.appendingPathComponent("api/webhooks"))
        request.url = URL(string: base.absoluteString + "/api/webhooks?siteId=site_bench")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        _ = await Self.run(transport, request, count: 200)
        let clock = ContinuousClock()
        let cpuBefore = Self.cpuSeconds()
        let started = clock.now
        let ok = await Self.run(transport, request, count: Self.requests)
        let wall = clock.now - started
        let cpu = Self.cpuSeconds() - cpuBefore
        if let ahc = transport as? AsyncHTTPClientTransport { await ahc.shutdown() }
        print(String(format: "bench %@: %d GETs at concurrency %d: %.1f µs CPU per request, %.0f requests/s",
                     name, Self.requests, Self.concurrency, cpu / Double(Self.requests) * 1e6,
                     Double(Self.requests) / (Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18)))
        #expect(ok == Self.requests)
    }
}
