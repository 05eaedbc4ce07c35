import Foundation

/// Encodes and decodes the secrets file (`.ztahooks/secrets.json`) in the layout of the product
/// contract: `{"version": 1, "api": "https://ztas.io", "webhooks": [...], "retired": [...]}`, plus
/// `"pendingCreates"` while creates are unresolved, and `"encryption"` when the `secret` values
/// are sealed (`{"sealed": "..."}`).
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

    /// Reads a secrets file. An empty file reads as an empty store; unknown keys are ignored so
    /// that a newer build's additions do not lock an older one out.
    public static func decode(_ bytes: [UInt8]) throws(DecodingFailure) -> SecretsSnapshot {
        guard let layout = try decodeLayout(bytes, entries: SecretEntry.self, retired: RetiredEntry.self) else { return .empty }
        if let encryption = layout.encryption, encryption.algorithm != SecretsEncryption.aes256GCM {
            throw .malformed("its \"encryption\" names an algorithm this ztahooks does not know; it reads \(SecretsEncryption.aes256GCM)")
        }
        return SecretsSnapshot(entries: layout.webhooks ?? [], unresolvedIntents: layout.pendingCreates ?? [],
                               encryption: layout.encryption.map { SecretsEncryption(algorithm: $0.algorithm, keyId: $0.keyId) },
                               api: layout.api, retired: layout.retired ?? [])
    }

    /// The file's top level with its entries read as `Entry` and `Retired`: whole entries for the
    /// core, only what a lookup needs for the receiver library. `nil` for a blank file.
    package static func decodeLayout<Entry: Decodable, Retired: Decodable>(
        _ bytes: [UInt8], entries: Entry.Type, retired: Retired.Type
    ) throws(DecodingFailure) -> Layout<Entry, Retired>? {
        if isBlank(bytes) {
            return nil
        }
        let data = Data(bytes)
        let decoder = JSONDecoder()
        // One parse in the common case; the version is checked before any complaint about the
        // rest, since a newer layout may differ anywhere.
        let layout: Layout<Entry, Retired>
        do {
            layout = try decoder.decode(Layout<Entry, Retired>.self, from: data)
        } catch {
            if let found = (try? decoder.decode(VersionProbe.self, from: data))?.version, found != version {
                throw .unsupportedVersion(found)
            }
            throw .malformed(describe(error))
        }
        guard let found = layout.version else { throw .malformed("it has no \"version\"") }
        guard found == version else { throw .unsupportedVersion(found) }
        guard layout.webhooks != nil else { throw .malformed("it has no \"webhooks\"") }
        return layout
    }

    /// Nothing but spaces, tabs and line breaks: what ztahooks never writes, and an unset CI
    /// secret restores to.
    package static func isBlank(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
    }

    /// What the file is sorted on: site, name, then id (an entry's, or an intent's own).
    package typealias SortKey = (String, String, String)

    package static func entryKey(_ entry: SecretEntry) -> SortKey { (entry.siteId, entry.name, entry.id) }

    package static func intentKey(_ intent: CreateIntent) -> SortKey { (intent.siteId, intent.name, intent.intentId) }

    package static func retiredKey(_ retired: RetiredEntry) -> SortKey { entryKey(retired.entry) }

    package static func entryOrder(_ a: SecretEntry, _ b: SecretEntry) -> Bool { precedes(entryKey(a), entryKey(b)) }

    /// Field by field: `<` on the whole tuple went through a generic comparison per field.
    private static func precedes(_ a: SortKey, _ b: SortKey) -> Bool {
        if a.0 != b.0 { return a.0 < b.0 }
        if a.1 != b.1 { return a.1 < b.1 }
        return a.2 < b.2
    }

    /// `values` in the order of their keys, which are taken out once and sorted through indices:
    /// an entry is a dozen fields, and handing whole entries to each comparison, or moving them
    /// through the sort's merges, copied them every time. Already sorted input (a snapshot from
    /// `SecretsState`) is only checked.
    package static func sorted<T>(_ values: [T], by key: (T) -> SortKey) -> [T] {
        let keys = values.map(key)
        func inOrder(_ a: Int, _ b: Int) -> Bool {
            keys.withUnsafeBufferPointer { precedes($0[a], $0[b]) }
        }
        if values.indices.dropFirst().allSatisfy({ !inOrder($0, $0 - 1) }) { return values }
        return values.indices.sorted(by: inOrder).map { values[$0] }
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

    /// The `"encryption"` header as written.
    package struct Header: Decodable, Sendable {
        package var algorithm: String
        package var keyId: String
    }

    /// The top level of the file; `webhooks` is checked to be there before a layout is returned.
    package struct Layout<Entry: Decodable, Retired: Decodable>: Decodable {
        package var api: String?
        package var encryption: Header?
        package var retired: [Retired]?
        package var version: Int?
        package var webhooks: [Entry]?
        package var pendingCreates: [CreateIntent]?
    }
}
