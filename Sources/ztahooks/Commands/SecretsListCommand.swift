import ArgumentParser
import Foundation
import ZTAHooksCore

struct SecretsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the secrets file's entries: never a secret.",
        discussion: """
            One line per webhook: site, name, id, URL, events, created, adopted, handed off ("no" \
            while --on-secret has not taken the secret, else -), and whether its secret is sealed, \
            plain or none; then the API the file belongs to. With --retired, the retired entries \
            instead (webhooks deleted, or no longer listed by the API, whose secrets are kept for \
            retiredKeep, default 30d), with when and why. Works on a sealed file without the key. \
            Exit codes: 0 success; 1 the file could not be read.

            Examples:
              ztahooks secrets list
              ztahooks secrets list --retired
              ztahooks secrets list --format json
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: ArgumentHelp("text or json.", valueName: "format"))
    var format: Format = .text

    @Flag(help: "List the retired entries (deleted or no longer listed webhooks) instead.")
    var retired = false

    @OptionGroup var file: SecretsFileOptions

    func run() throws {
        let inspection = try SecretsReader.inspect(file.secrets, sandbox: file.sandbox)
        let snapshot = inspection.snapshot
        let entries = retired ? snapshot.retired.map(\.entry) : snapshot.entries
        switch format {
        case .json:
            var listing = Listing(
                api: snapshot.api,
                encryption: snapshot.encryption.map { Listing.Encryption(algorithm: $0.algorithm, keyId: $0.keyId) })
            if retired {
                listing.retired = snapshot.retired.map(Listing.Row.init)
            } else {
                listing.webhooks = entries.map(Listing.Row.init)
            }
            StandardOutput.write(Self.json(listing))
        case .text:
            var header = ["SITE", "NAME", "ID", "URL", "EVENTS", "CREATED", "ADOPTED", "HANDED OFF", "SECRET"]
            var rows = entries.map { entry in
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
            StandardOutput.write(TextTable.render(header: header, rows: rows))
            let sealing = snapshot.encryption.map { ", sealed with key \($0.keyId.displaySafe)" } ?? ""
            let binding = snapshot.api.map { "; belongs to \(APIOrigin.describe($0).displaySafe)" } ?? "; belongs to no API yet"
            let what = retired ? "retired webhook" : "webhook"
            StandardOutput.write("\(entries.count) \(what)\(entries.count == 1 ? "" : "s") in \(inspection.paths.file.displaySafe)\(sealing)\(binding)\n")
            if !retired, !snapshot.retired.isEmpty {
                StandardOutput.write("\(snapshot.retired.count) retired (deleted or no longer listed); `ztahooks secrets list --retired` shows them\n")
            }
        }
    }

    /// Sorted keys, pretty-printed, slashes left alone, a final newline: the same shape as the
    /// core's other JSON reports.
    static func json(_ listing: Listing) -> String {
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
                secret = SecretsEntryText.secretState(entry)
            }

            enum CodingKeys: String, CodingKey {
                case siteId, name, id, url, events, createdAt, adopted, handedOff, secret, retiredAt, reason
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
