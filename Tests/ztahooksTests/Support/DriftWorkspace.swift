import Foundation
import Testing

/// A working directory for `ztahooks drift` end to end: site files, the sandbox emulator's state
/// (what the API lists, secrets included) and the sandbox secrets file (what ztahooks recorded).
struct DriftWorkspace {
    let root: URL

    /// One webhook in the emulator's state file, with a `whsec_` secret the emulator keeps.
    static func live(_ site: String, _ id: String, _ url: String, _ events: [String], active: Bool = true,
                     createdAt: String = "2025-01-01T00:00:00.000Z", lastTriggered: String? = nil) -> String {
        let last = lastTriggered.map { "\"\($0)\"" } ?? "null"
        return """
            {"siteId": "\(site)", "id": "\(id)", "url": "\(url)", "events": [\(events.map { "\"\($0)\"" }.joined(separator: ", "))],
             "secret": "whsec_live_\(id)", "active": \(active), "createdAt": "\(createdAt)", "lastTriggered": \(last), "description": null}
            """
    }

    /// One entry of the secrets file.
    static func known(_ site: String, _ name: String, _ id: String, _ url: String, _ events: [String], adopted: Bool = false) -> String {
        """
        {"siteId": "\(site)", "name": "\(name)", "id": "\(id)", "url": "\(url)", "events": [\(events.map { "\"\($0)\"" }.joined(separator: ", "))],
         "secret": \(adopted ? "null" : "\"whsec_known_\(id)\""), "createdAt": "2025-01-01T00:00:00.000Z"\(adopted ? ", \"adopted\": true" : "")}
        """
    }

    init(sites: [String: String], live: [String], known: [String], pendingCreates: [String] = []) throws {
        root = try BinaryRunner.temporaryDirectory()
        for (name, text) in sites { try write("sites/\(name).yaml", text) }
        try write(".ztahooks/sandbox.json", "{\"version\": 1, \"webhooks\": [\(live.joined(separator: ",\n"))]}\n")
        var secrets = "{\"version\": 1, \"webhooks\": [\(known.joined(separator: ",\n"))]"
        if !pendingCreates.isEmpty { secrets += ", \"pendingCreates\": [\(pendingCreates.joined(separator: ",\n"))]" }
        try write(".ztahooks/sandbox-secrets.json", secrets + "}\n")
    }

    func write(_ path: String, _ text: String) throws {
        try BinaryRunner.write(text, to: path, under: root)
    }

    func read(_ path: String) throws -> String {
        try String(decoding: Data(contentsOf: root.appendingPathComponent(path)), as: UTF8.self)
    }

    /// Runs `ztahooks ARGS`; whatever happens, no secret may reach standard output or error.
    func run(_ args: [String], environment: [String: String] = [:]) async throws -> BinaryRunner.Result {
        let result = try await BinaryRunner.run(args, in: root, environment: environment)
        #expect(!result.stdout.contains("whsec_"), "stdout shows a secret")
        #expect(!result.stderr.contains("whsec_"), "stderr shows a secret")
        return result
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}
