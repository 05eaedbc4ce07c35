/// An entry of the secrets file as a person reads it: every field but the secret, sanitised.
public enum SecretsEntryText {
    /// Where the secret is: sealed, in plain text, or not known (adopted). Never the secret.
    public static func secretState(_ entry: SecretEntry) -> String {
        entry.sealed != nil ? "sealed" : entry.secret != nil ? "plain" : "none"
    }

    /// "no" while `--on-secret` has not taken the secret; "-" otherwise, since the file does not
    /// record whether a sink ever ran for an entry.
    public static func handedOff(_ entry: SecretEntry) -> String {
        entry.awaitsHandOff ? "no" : "-"
    }

    /// `show` without `--reveal`: one field a line.
    public static func render(_ entry: SecretEntry) -> String {
        var lines = [
            ("site", entry.siteId), ("name", entry.name), ("id", entry.id), ("url", entry.url),
            ("events", entry.events.joined(separator: ", ")), ("created", entry.createdAt ?? "-"),
            ("adopted", entry.adopted == true ? "yes" : "no"),
            ("handed off", handedOff(entry)),
            ("secret", secretState(entry)),
        ]
        if let description = entry.webhookDescription { lines.insert(("description", description), at: 5) }
        return lines.map { "\($0.0 + ":")".padding(toLength: 13, withPad: " ", startingAt: 0) + $0.1.displaySafe }
            .joined(separator: "\n") + "\n"
    }
}
