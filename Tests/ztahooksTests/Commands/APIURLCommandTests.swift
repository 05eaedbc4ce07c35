import Foundation
import Testing

/// `--api-url` and `ZTA_API_URL` through the binary: the IPv6 loopback works, bad ports are usage errors.
struct APIURLCommandTests {
    typealias Workspace = PlanCommandTests.Workspace

    /// Whether this machine can listen on `::1` at all (some containers have no IPv6).
    static let hasIPv6Loopback: Bool = {
        let fd = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_addr = in6addr_loopback
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) == 0 }
        }
    }()

    @Test(.enabled(if: hasIPv6Loopback, "no IPv6 loopback on this machine"))
    func planReachesAnEmulatorListeningOnTheIPv6Loopback() async throws {
        let (server, port) = try await BackgroundProcess.server(["sim", "serve", "--host", "::1", "--port", "0", "--quiet"])
        defer { server.stop() }
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try await BinaryRunner.run(["plan", "sites", "--api-url", "http://[::1]:\(port)"], in: workspace.root,
                                          environment: ["ZTA_API_TOKEN": "tok_ipv6"], timeLimit: .seconds(60))
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        #expect(result.stdout.hasSuffix("Plan: 4 to create, 0 to replace, 0 to delete; 0 unchanged.\n"))
    }

    @Test(arguments: [
        ("http://127.0.0.1:99999", "99999"), ("http://127.0.0.1:0", "0"), ("http://localhost:abc/", "abc"),
        ("https://[::1]:65536", "65536"), ("https://ztas.io:-1", "-1"),
    ])
    func anInvalidPortInTheFlagIsAUsageError(url: String, port: String) async throws {
        let result = try await BinaryRunner.run(["plan", "examples/sites", "--api-url", url], environment: ["ZTA_API_TOKEN": "tok"])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("--api-url \"\(url)\" has the port \"\(port)\"; a port is a number from 1 to 65535"))
        #expect(result.stdout == "")
    }

    @Test func anInvalidPortInTheEnvironmentIsAUsageErrorNamingTheVariable() async throws {
        let result = try await BinaryRunner.run(["plan", "examples/sites"], environment: ["ZTA_API_TOKEN": "tok", "ZTA_API_URL": "http://[::1]:70000"])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("ZTA_API_URL \"http://[::1]:70000\" has the port \"70000\"; a port is a number from 1 to 65535"))
    }
}
