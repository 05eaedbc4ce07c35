/// The project-file format in one place: its name, keys and limits.
///
/// The parser and the JSON Schema both read these, as `SiteFormat` does for site files.
public enum ProjectFormat {
    /// The name searched for in the current directory and its parents.
    public static let fileName = "ztahooks.yaml"

    /// Keys the parser reads, in the order the reference lists them.
    public static let keys = [
        "allowedHosts", "maxWebhooksPerSite", "requireDescription", "paths",
        "maxDeletes", "concurrency", "secretsFile", "onSecret", "onDelete", "retiredKeep",
    ]

    /// Keys for the secret sinks: commands to run on a new secret and on a delete.
    public static let sinkKeys = ["onSecret", "onDelete"]

    /// Whether this version runs the secret sinks. Until it does, the keys are type-checked and
    /// then refused at their line, rather than accepted and silently ignored; the JSON Schema
    /// leaves them out. Flipping this is the one switch when the sinks land.
    public static let secretSinksAvailable = true

    /// Keys the JSON Schema offers: every key that this version acts on.
    public static var schemaKeys: [String] {
        secretSinksAvailable ? keys : keys.filter { !sinkKeys.contains($0) }
    }

    /// `maxWebhooksPerSite` may only tighten the API's own cap.
    public static let webhooksPerSiteRange = 1...APILimits.maxWebhooksPerSite
    /// The same bounds as `--concurrency`.
    public static let concurrencyRange = ConcurrencySetting.range
    /// The same bounds as `--max-deletes` (0 or more), capped so that a typo cannot disarm it.
    public static let maxDeletesRange = 0...10_000
}
