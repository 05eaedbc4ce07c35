import Foundation

/// Encodes and decodes the secrets file (`.ztahooks/secrets.json`) in the layout of the product
/// contract: `{"version": 1, "webhooks": [...]}`, plus `"pendingCreates"` while creates are unresolved.
///
/// Pure: bytes in, values out. Output is deterministic (entries sorted by site, name and id, keys
/// sorted, two-space indentation), so that two runs with the same knowledge write the same bytes.
public enum SecretsFileCodec {
    /// The only layout version this build reads and writes.
    public static let version = 1

    /// Why a secrets file could not be read. Messages never quote the file's content.
    public enum DecodingFailure: Error, Hashable, Sendable {
        case unsupportedVersion(Int)
        case malformed(String)
    }

    /// The file's text, ending in a newline.
    public static func encode(_ snapshot: SecretsSnapshot) -> [UInt8] {
        let entries = snapshot.entries.sorted(by: SecretsFileCodec.entryOrder)
        let intents = snapshot.unresolvedIntents.sorted(by: SecretsFileCodec.intentOrder)
        var out = "{\n"
        if !intents.isEmpty {
            out += "  \"pendingCreates\": [\n"
            out += intents.map(encodeIntent).joined(separator: ",\n")
            out += "\n  ],\n"
        }
        out += "  \"version\": \(version),\n"
        if entries.isEmpty {
            out += "  \"webhooks\": []\n"
        } else {
            out += "  \"webhooks\": [\n"
            out += entries.map(encodeEntry).joined(separator: ",\n")
            out += "\n  ]\n"
        }
        out += "}\n"
        return Array(out.utf8)
    }

    /// Reads a secrets file. An empty file reads as an empty store; unknown keys are ignored so
    /// that a newer build's additions do not lock an older one out.
    public static func decode(_ bytes: [UInt8]) throws(DecodingFailure) -> SecretsSnapshot {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return .empty
        }
        let data = Data(bytes)
        let decoder = JSONDecoder()
        let probe: VersionProbe
        do {
            probe = try decoder.decode(VersionProbe.self, from: data)
        } catch {
            throw .malformed(describe(error))
        }
        guard let found = probe.version else { throw .malformed("it has no \"version\"") }
        guard found == version else { throw .unsupportedVersion(found) }
        do {
            let layout = try decoder.decode(Layout.self, from: data)
            return SecretsSnapshot(entries: layout.webhooks, unresolvedIntents: layout.pendingCreates ?? [])
        } catch {
            throw .malformed(describe(error))
        }
    }

    static func entryOrder(_ a: SecretEntry, _ b: SecretEntry) -> Bool {
        (a.siteId, a.name, a.id) < (b.siteId, b.name, b.id)
    }

    static func intentOrder(_ a: CreateIntent, _ b: CreateIntent) -> Bool {
        (a.siteId, a.name, a.intentId) < (b.siteId, b.name, b.intentId)
    }

    private static func encodeEntry(_ entry: SecretEntry) -> String {
        // Keys in sorted order. `secret` is always written, `null` when unknown, as the contract shows.
        var fields: [String] = []
        if let adopted = entry.adopted { fields.append("\"adopted\": \(adopted)") }
        if let createdAt = entry.createdAt { fields.append("\"createdAt\": \(JSONText.quoted(createdAt))") }
        if let description = entry.webhookDescription { fields.append("\"description\": \(JSONText.quoted(description))") }
        fields.append("\"events\": \(JSONText.inlineArray(entry.events))")
        fields.append("\"id\": \(JSONText.quoted(entry.id))")
        fields.append("\"name\": \(JSONText.quoted(entry.name))")
        fields.append("\"secret\": \(entry.secret.map(JSONText.quoted) ?? "null")")
        fields.append("\"siteId\": \(JSONText.quoted(entry.siteId))")
        fields.append("\"url\": \(JSONText.quoted(entry.url))")
        return object(fields)
    }

    private static func encodeIntent(_ intent: CreateIntent) -> String {
        object([
            "\"events\": \(JSONText.inlineArray(intent.events))",
            "\"intentId\": \(JSONText.quoted(intent.intentId))",
            "\"name\": \(JSONText.quoted(intent.name))",
            "\"siteId\": \(JSONText.quoted(intent.siteId))",
            "\"startedAt\": \(JSONText.quoted(intent.startedAt))",
            "\"url\": \(JSONText.quoted(intent.url))",
        ])
    }

    private static func object(_ fields: [String]) -> String {
        "    {\n" + fields.map { "      " + $0 }.joined(separator: ",\n") + "\n    }"
    }

    /// The coding path and the decoder's words, never a value from the file (it may be a secret).
    private static func describe(_ error: any Error) -> String {
        func at(_ path: [any CodingKey]) -> String {
            guard !path.isEmpty else { return "" }
            return " at " + path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?:
            return "missing key \"\(key.stringValue)\"\(at(context.codingPath))"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?:
            return "wrong type\(at(context.codingPath))"
        case .dataCorrupted(let context)?:
            return context.codingPath.isEmpty ? "it is not valid JSON" : "invalid value\(at(context.codingPath))"
        default:
            return "it is not valid JSON"
        }
    }

    private struct VersionProbe: Decodable {
        var version: Int?
    }

    private struct Layout: Decodable {
        var webhooks: [SecretEntry]
        var pendingCreates: [CreateIntent]?
    }
}
