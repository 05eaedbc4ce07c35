import FuzzHarness
import ZTAHooksCore

/// The secrets file and its journal are read after crashes and from CI caches: any bytes must
/// read as a store or a clean failure, and what is read must survive being written back.
///
/// The input is the file, a NUL byte, then the journal. The journal is read twice: as it is,
/// and with each line wrapped in a record line with the right checksum, so that the fuzzer
/// reaches the record decoder instead of stopping at the CRC.
@main
enum FuzzSecretsFile {
    static func main() {
        FuzzHarness.run(test)
    }

    @Sendable static func test(_ bytes: [UInt8]) {
        let (file, journal) = FuzzHarness.split(bytes)
        var snapshot = SecretsSnapshot.empty
        do {
            snapshot = try SecretsFileCodec.decode(file)
            checkRoundTrip(snapshot)
        } catch {
            if case .malformed(let reason) = error {
                FuzzHarness.require(!reason.contains("whsec_"), "a decoding failure quotes a secret")
            }
        }
        for lines in [journal, FuzzHarness.checksummed(journal)] {
            let contents = SecretsJournalCodec.decode(lines)
            checkJournal(contents, lineCount: lines.count { $0 == 0x0A } + 1)
            var state = SecretsState(snapshot)
            for record in contents.records { state.apply(record) }
            checkRoundTrip(state.snapshot)
        }
    }

    /// Written back and read again, a store is the same store, and writes the same bytes.
    static func checkRoundTrip(_ snapshot: SecretsSnapshot) {
        let written = SecretsFileCodec.encode(snapshot)
        let again: SecretsSnapshot
        do {
            again = try SecretsFileCodec.decode(written)
        } catch {
            fatalError("invariant violated: a written secrets file does not read back: \(error)")
        }
        FuzzHarness.require(again.entries.count == snapshot.entries.count && Set(again.entries) == Set(snapshot.entries),
                            "entries changed through a write and a read")
        FuzzHarness.require(Set(again.unresolvedIntents) == Set(snapshot.unresolvedIntents)
                            && again.unresolvedIntents.count == snapshot.unresolvedIntents.count,
                            "pending creates changed through a write and a read")
        FuzzHarness.require(again.encryption == snapshot.encryption, "the encryption header changed through a write and a read")
        FuzzHarness.require(SecretsFileCodec.encode(again) == written, "writing the same store gave other bytes")
    }

    static func checkJournal(_ contents: SecretsJournalCodec.Contents, lineCount: Int) {
        FuzzHarness.require(Set(contents.damagedSecretLines).isSubset(of: contents.damagedLines),
                            "a damaged secret line that is not a damaged line")
        FuzzHarness.require(contents.damagedLines.allSatisfy { (1...lineCount).contains($0) }, "a damaged line number outside the journal")
        for record in contents.records {
            let line = SecretsJournalCodec.encode(record)
            let reread = SecretsJournalCodec.decode(line)
            FuzzHarness.require(reread.records == [record] && reread.damagedLines.isEmpty && !reread.tornTail,
                                "a record does not survive its own line")
        }
    }
}
