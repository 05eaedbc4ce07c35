/// What opening the store found left behind by an interrupted run, for apply to report.
public struct SecretsRecovery: Hashable, Sendable {
    /// The journal that was folded in.
    public var journal: String
    /// Records replayed from it.
    public var replayedRecords: Int
    /// Its last line was incomplete (a crash mid-append); that record had not been acknowledged.
    public var tornTail: Bool
    /// 1-based numbers of complete lines that failed their checksum and were skipped.
    public var damagedLines: [Int]
    /// Those of `damagedLines` that may have held a secret (a `created` record, or one whose kind
    /// cannot be told): the webhook it named exists, its secret is gone.
    public var damagedSecretLines: [Int]
    /// Where the damaged journal's bytes were kept before the fold, when there were damaged lines.
    public var quarantinedTo: String?

    public init(journal: String, replayedRecords: Int = 0, tornTail: Bool = false, damagedLines: [Int] = [],
                damagedSecretLines: [Int] = [], quarantinedTo: String? = nil) {
        self.journal = journal
        self.replayedRecords = replayedRecords
        self.tornTail = tornTail
        self.damagedLines = damagedLines
        self.damagedSecretLines = damagedSecretLines
        self.quarantinedTo = quarantinedTo
    }

    /// True when a record that may have held a secret could not be read back: the run that
    /// found it must not end as a success.
    public var lostSecrets: Bool { !damagedSecretLines.isEmpty }

    /// True when there was nothing to recover.
    public var isEmpty: Bool { replayedRecords == 0 && !tornTail && damagedLines.isEmpty }

    /// One line for the user, or `nil` when there was nothing to recover.
    public var summary: String? { summary(verb: "recovered") }

    /// The same line with another verb: "read" for a command that only looks, and folds nothing.
    func summary(verb: String) -> String? {
        guard !isEmpty else { return nil }
        var text = "\(verb) \(replayedRecords) record\(replayedRecords == 1 ? "" : "s") from \(journal), left by an interrupted run"
        if tornTail { text += "; ignored its incomplete last line" }
        if !damagedLines.isEmpty {
            text += "; skipped damaged line\(damagedLines.count == 1 ? "" : "s") "
            text += damagedLines.map(String.init).joined(separator: ", ")
            if let quarantinedTo { text += " (the journal's bytes are kept in \(quarantinedTo))" }
            if lostSecrets {
                text += "; line\(damagedSecretLines.count == 1 ? "" : "s") \(damagedSecretLines.map(String.init).joined(separator: ", ")) "
                    + "may have held a secret that is now lost: the next plan replaces any webhook whose create left no secret"
            }
        }
        return text
    }
}
