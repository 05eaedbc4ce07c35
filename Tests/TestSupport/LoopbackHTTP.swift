import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// GETs on a loopback server from a test, awaited (`Data(contentsOf:)` on a URL blocks its thread).
public enum LoopbackHTTP {
    public static func get(_ url: String) async throws -> Data {
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let (data, _) = try await session.data(from: URL(string: url)!)
        return data
    }

    /// The `total` of an emulator's `/_sim/stats`: how many API requests it has answered.
    public static func emulatorRequests(_ base: String) async throws -> Int {
        let object = try JSONSerialization.jsonObject(with: await get(base + "/_sim/stats")) as? [String: Any]
        return object?["total"] as? Int ?? 0
    }
}
