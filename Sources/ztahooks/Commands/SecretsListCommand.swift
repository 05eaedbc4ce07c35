import ArgumentParser
import Foundation
import ZTAHooksCore

struct SecretsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the secrets file's entries: never a secret.",
        discussion: """
            One line per webhook: site, name, id, URL, events, created, adopted, handed off ("no" \
            while --on-secret has not taken the secret, else -), and whether its secret is sealed, plain or none. Works on a sealed file \
            without the key. Exit codes: 0 success; 1 the file could not be read.

            Examples:
              ztahooks secrets list
              ztahooks secrets list --format json
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: ArgumentHelp("text or json.", valueName: "format"))
    var format: Format = .text

    @OptionGroup var file: SecretsFileOptions

    func run() throws {
        let inspection = try SecretsReader.inspect(file.secrets, sandbox: file.sandbox)
        let entries = inspection.snapshot.entries
        switch format {
        case .json:
            StandardOutput.write(Self.json(Listing(
                encryption: inspection.snapshot.encryption.map { Listing.Encryption(algorithm: $0.algorithm, keyId: $0.keyId) },
                webhooks: entries.map(Listing.Row.init))))
        case .text:
            let header = ["SITE", "NAME", "ID", "URL", "EVENTS", "CREATED", "ADOPTED", "HANDED OFF", "SECRET"]
            let rows = entries.map { entry in
                [entry.siteId, entry.name, entry.id, entry.url, entry.events.joined(separator: ","), entry.createdAt ?? "-",
                 entry.adopted == true ? "yes" : "no", SecretsEntryText.handedOff(entry), SecretsEntryText.secretState(entry)].map(\.displaySafe)
            }
            StandardOutput.write(TextTable.render(header: header, rows: rows))
            let sealing = inspection.snapshot.encryption.map { ", sealed with key \($0.keyId.displaySafe)" } ?? ""
            StandardOutput.write("\(entries.count) webhook\(entries.count == 1 ? "" : "s") in \(inspection.paths.file.displaySafe)\(sealing)\n")
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
                case siteId, name, id, url, events, createdAt, adopted, handedOff, secret
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
            }
        }

        var encryption: Encryption?
        var webhooks: [Row]
    }
}
