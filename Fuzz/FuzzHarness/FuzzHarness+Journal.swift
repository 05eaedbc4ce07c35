import ZTAHooksCore

extension FuzzHarness {
    /// Each line `L` of a journal becomes `{"crc":"<CRC-32 of L>","record":L}`: a fuzzer cannot
    /// guess checksums, so without this it would never get past them to the record decoder.
    public static func checksummed(_ journal: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for line in journal.split(separator: 0x0A, omittingEmptySubsequences: false) {
            out += Array(#"{"crc":""#.utf8) + Array(CRC32.hex(CRC32.checksum(line)).utf8) + Array(#"","record":"#.utf8)
            out += line
            out += Array("}\n".utf8)
        }
        return out
    }
}
