import ZTAHooksCore

/// Finds the entry a person names as `SITE/NAME` (or `SITE/ID`) in the secrets file.
public enum SecretsEntryLookup {
    /// The one entry named; an unknown or ambiguous name is an error of the run (exit 1).
    /// With `key`, its secret is opened.
    public static func entry(_ reference: String, in secrets: SecretsSettings, sandbox: Bool,
                             key: SecretsKey? = nil) throws -> (entry: SecretEntry, inspection: SecretsInspection) {
        guard let slash = reference.firstIndex(of: "/"), slash != reference.startIndex, slash != reference.index(before: reference.endIndex) else {
            StandardError.write("error: '\(reference.displaySafe)' is not SITE/NAME (e.g. site_abc123/ops-alerts)\n")
            throw CommandExit(.usage)
        }
        let site = String(reference[..<slash])
        let name = String(reference[reference.index(after: slash)...])
        let inspection = try SecretsReader.inspect(secrets, sandbox: sandbox, key: key)
        let inSite = inspection.snapshot.entries.filter { $0.siteId == site }
        var matches = inSite.filter { $0.name == name }
        if matches.isEmpty { matches = inSite.filter { $0.id == name } }
        switch matches.count {
        case 1:
            return (matches[0], inspection)
        case 0:
            StandardError.write("error: the secrets file \(inspection.paths.file.displaySafe) has no entry \(reference.displaySafe); "
                + "`ztahooks secrets list` shows what it has\n")
        default:
            // During a replace the old and the new webhook share a name until the old one is deleted.
            StandardError.write("error: \(reference.displaySafe) names \(matches.count) entries "
                + "(\(matches.map(\.id.displaySafe).joined(separator: ", "))): name one by its id, \(site.displaySafe)/ID\n")
        }
        throw CommandExit(.failure)
    }

    /// The entry's secret in plain text, for `show --reveal` and `export`: read with the key
    /// when one is given. A sealed secret without the key, or an adopted webhook, is an error (exit 1).
    public static func secret(_ reference: String, in secrets: SecretsSettings, sandbox: Bool) throws -> (secret: String, entry: SecretEntry) {
        let (entry, inspection) = try entry(reference, in: secrets, sandbox: sandbox, key: try secrets.key())
        if let secret = entry.secret { return (secret, entry) }
        if entry.sealed != nil {
            let keyId = inspection.snapshot.encryption?.keyId
            StandardError.write("error: \(SecretsStoreError.keyRequired(file: inspection.paths.file.displaySafe, keyId: keyId).message).\n")
        } else {
            StandardError.write("error: \(reference.displaySafe) was adopted by import: ztahooks never saw its secret "
                + "(`ztahooks rotate \(reference.displaySafe)` brings it under ztahooks)\n")
        }
        throw CommandExit(.failure)
    }
}
