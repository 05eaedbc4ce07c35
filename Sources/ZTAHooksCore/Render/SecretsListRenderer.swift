import Foundation

/// `ztahooks secrets list`: the secrets file's entries, or its retired ones, in text or JSON.
/// Never a secret: only whether there is one, and how it is kept.
public enum SecretsListRenderer {
    /// A table of the entries, then a line that names the file, its key and the API it belongs to.
    public static func text(_ snapshot: SecretsSnapshot, retired: Bool, file: String) -> String {
        var header = ["SITE", "NAME", "ID", "URL", "EVENTS", "CREATED", "ADOPTED", "HANDED OFF", "SECRET"]
        var rows = snapshot.entries.map { entry in
            [entry.siteId, entry.name, entry.id, entry.url, entry.events.joined(separator: ","), entry.createdAt ?? "-",
             entry.adopted == true ? "yes" : "no", SecretsEntryText.handedOff(entry), SecretsEntryText.secretState(entry)].map(\.displaySafe)
        }
        if retired {
            header = ["SITE", "NAME", "ID", "URL", "EVENTS", "RETIRED", "REASON", "SECRET"]
            rows = snapshot.retired.map { old in
                [old.entry.siteId, old.entry.name, old.entry.id, old.entry.url, old.entry.events.joined(separator: ","),
                 old.retiredAt, old.reason, SecretsEntryText.secretState(old.entry)].map(\.displaySafe)
            }
        }
        // Which webhook each one replaced: a column only when some entry records one.
        let listed = retired ? snapshot.retired.map(\.entry) : snapshot.entries
        if listed.contains(where: { $0.replaces != nil }) {
            header.insert("REPLACES", at: 3)
            for index in rows.indices { rows[index].insert((listed[index].replaces ?? "-").displaySafe, at: 3) }
        }
        var text = TextTable.render(header: header, rows: rows)
        let count = retired ? snapshot.retired.count : snapshot.entries.count
        let sealing = snapshot.encryption.map { ", sealed with key \($0.keyId.displaySafe)" } ?? ""
        let binding = snapshot.api.map { "; belongs to \(APIOrigin.describe($0).displaySafe)" } ?? "; belongs to no API yet"
        let what = retired ? "retired webhook" : "webhook"
        text += "\(count) \(what)\(count == 1 ? "" : "s") in \(file.displaySafe)\(sealing)\(binding)\n"
        if !retired, !snapshot.retired.isEmpty {
            text += "\(snapshot.retired.count) retired (deleted or no longer listed); `ztahooks secrets list --retired` shows them\n"
        }
        return text
    }

    /// Sorted keys, pretty-printed, slashes left alone, a final newline: the same shape as the
    /// core's other JSON reports.
    public static func json(_ snapshot: SecretsSnapshot, retired: Bool) -> String {
        var listing = Listing(api: snapshot.api,
                              encryption: snapshot.encryption.map { Listing.Encryption(algorithm: $0.algorithm, keyId: $0.keyId) })
        if retired {
            listing.retired = snapshot.retired.map(Listing.Row.init)
        } else {
            listing.webhooks = snapshot.entries.map(Listing.Row.init)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(listing)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The JSON layout: stable keys, never a secret.
    struct Listing: Encodable {
        struct Encryption: Encodable {
            var algorithm: String
            var keyId: String
        }

        struct Row: Encodable {
            var siteId, name, id, url: String
            var events: [String]
            var createdAt: String?
            var adopted: Bool
            /// `false` while `--on-secret` has not taken the secret; `null` otherwise (the file
            /// does not record whether a sink ever ran for an entry).
            var handedOff: Bool?
            /// The webhook this one replaced; absent when none.
            var replaces: String?
            /// "sealed", "plain" or "none".
            var secret: String
            /// For a retired entry: when and why it was retired.
            var retiredAt: String?
            var reason: String?

            init(_ old: RetiredEntry) {
                self.init(old.entry)
                retiredAt = old.retiredAt
                reason = old.reason
            }

            init(_ entry: SecretEntry) {
                siteId = entry.siteId
                name = entry.name
                id = entry.id
                url = entry.url
                events = entry.events
                createdAt = entry.createdAt
                adopted = entry.adopted == true
                handedOff = entry.awaitsHandOff ? false : nil
                replaces = entry.replaces
                secret = SecretsEntryText.secretState(entry)
            }

            enum CodingKeys: String, CodingKey {
                case siteId, name, id, url, events, createdAt, adopted, handedOff, replaces, secret, retiredAt, reason
            }

            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(siteId, forKey: .siteId)
                try c.encode(name, forKey: .name)
                try c.encode(id, forKey: .id)
                try c.encode(url, forKey: .url)
                try c.encode(events, forKey: .events)
                try c.encode(createdAt, forKey: .createdAt)
                try c.encode(adopted, forKey: .adopted)
                try c.encode(handedOff, forKey: .handedOff)
                try c.encodeIfPresent(replaces, forKey: .replaces)
                try c.encode(secret, forKey: .secret)
                try c.encodeIfPresent(retiredAt, forKey: .retiredAt)
                try c.encodeIfPresent(reason, forKey: .reason)
            }
        }

        /// The API the file belongs to; null until a run writes it.
        var api: String?
        var encryption: Encryption?
        /// The active entries; absent with --retired.
        var webhooks: [Row]?
        /// The retired entries, with --retired only.
        var retired: [Row]?

        enum CodingKeys: String, CodingKey {
            case api, encryption, webhooks, retired
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(api, forKey: .api)
            try c.encodeIfPresent(encryption, forKey: .encryption)
            try c.encodeIfPresent(webhooks, forKey: .webhooks)
            try c.encodeIfPresent(retired, forKey: .retired)
        }
    }
}
