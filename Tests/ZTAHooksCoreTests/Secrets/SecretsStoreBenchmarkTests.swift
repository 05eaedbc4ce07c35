import Foundation
import Testing
import ZTAHooksCore

/// Prints the cost of recording secrets as the store grows to 100,000 entries; asserts nothing
/// about time. Run with `BENCH=1 swift test -c release --filter SecretsStoreBenchmarkTests`.
struct SecretsStoreBenchmarkTests {
    static let enabled = ProcessInfo.processInfo.environment["BENCH"] == "1"

    @Test(.enabled(if: enabled)) func costPerRecordStaysFlatUpTo100000Entries() async throws {
        let root = SecretsFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/secrets.json"
        let total = 100_000
        let chunk = 10_000
        let sites = 100
        let clock = ContinuousClock()
        let store = try SecretsStore.open(path: path)
        print("secrets bench: \(total) records, \(sites) concurrent sites, file \(path)")
        var next = 0
        while next < total {
            let start = next
            let elapsed = try await clock.measure {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for site in 0..<sites {
                        group.addTask {
                            for index in stride(from: start + site, to: start + chunk, by: sites) {
                                try await store.recordCreated(Self.entry(index), intentId: "int_\(index)")
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            next += chunk
            print("secrets bench: records \(start + 1)-\(next): \(Self.perRecord(elapsed, chunk)) per record")
        }
        // Sequential records (one site): every call pays a whole fsync.
        for label in ["sequential at 100,000 entries"] {
            let elapsed = try await clock.measure {
                for index in total..<(total + 1_000) {
                    try await store.recordCreated(Self.entry(index), intentId: "int_\(index)")
                }
            }
            print("secrets bench: \(label): \(Self.perRecord(elapsed, 1_000)) per record")
        }
        let close = try await clock.measure { try await store.close() }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        print("secrets bench: close (final fold of \(total + 1_000) entries, \(size / 1024) KiB): \(close)")
        var reopened: SecretsStore?
        let open = try clock.measure { reopened = try SecretsStore.open(path: path) }
        print("secrets bench: open of \(total + 1_000) entries: \(open)")
        try await reopened?.close()

        let fresh = try SecretsStore.open(path: root + "/fresh.json")
        let first = try await clock.measure {
            for index in 0..<1_000 { try await fresh.recordCreated(Self.entry(index), intentId: "int_\(index)") }
        }
        print("secrets bench: sequential at 0 entries: \(Self.perRecord(first, 1_000)) per record")
        try await fresh.close()
    }

    static func entry(_ index: Int) -> SecretEntry {
        SecretEntry(siteId: "site_\(index % 10_000)", name: "hook-\(index)", id: "wh_\(index)",
                    url: "https://hooks.example.com/zta/\(index)", events: ["alert", "goal"],
                    secret: "whsec_" + String(repeating: "x", count: 32), createdAt: "2024-12-12T16:00:00.000Z")
    }

    static func perRecord(_ duration: Duration, _ count: Int) -> String {
        let micros = Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12
        return String(format: "%.1f µs", micros / Double(count))
    }
}
