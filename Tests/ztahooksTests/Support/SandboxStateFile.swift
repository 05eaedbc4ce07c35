import Foundation

/// Reads the sandbox's emulator state as the emulator will load it, also after a SIGKILL left
/// changes in the log: `.ztahooks/sandbox.json`, then `.ztahooks/sandbox.json.log` replayed.
enum SandboxStateFile {
    /// Secrets by webhook id.
    static func secrets(under root: URL) throws -> [String: String] {
        var secrets: [String: String] = [:]
        let snapshot = root.appendingPathComponent(".ztahooks/sandbox.json")
        if let data = try? Data(contentsOf: snapshot) {
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            for webhook in object?["webhooks"] as? [[String: Any]] ?? [] {
                secrets[webhook["id"] as? String ?? ""] = webhook["secret"] as? String
            }
        }
        let log = (try? String(contentsOf: snapshot.appendingPathExtension("log"), encoding: .utf8)) ?? ""
        // Whole lines only (`CRC32 JSON`): the emulator ignores a last line a kill cut short, too.
        var lines = log.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeLast()
        for line in lines {
            let change = try JSONSerialization.jsonObject(with: Data(line.dropFirst(9).utf8)) as? [String: Any]
            if let webhook = change?["webhook"] as? [String: Any], let id = webhook["id"] as? String {
                secrets[id] = webhook["secret"] as? String
            } else if let id = change?["id"] as? String {
                secrets[id] = nil
            }
        }
        return secrets
    }
}
