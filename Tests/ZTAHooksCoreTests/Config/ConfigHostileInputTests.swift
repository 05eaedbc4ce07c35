import Foundation
import Testing
@testable import ZTAHooksCore

/// Input built to exhaust memory or time ends in one clear error, never a crash or a hang.
struct ConfigHostileInputTests {
    private func diagnostics(_ text: String) -> [String] {
        SiteLoader.parse(path: "evil.yaml", contents: Data(text.utf8)).diagnostics.map(\.description)
    }

    /// Nine anchors, each a list of nine aliases of the previous: 9^9 nodes once expanded.
    private var aliasBomb: String {
        var text = "site: site_a1\nwebhooks: []\nx0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let aliases = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
            text += "x\(level): &a\(level) [\(aliases)]\n"
        }
        return text
    }

    @Test func refusesAFileOverTheSizeCapBeforeParsing() {
        let data = Data(repeating: UInt8(ascii: "#"), count: SiteFormat.maxFileBytes + 1)
        let result = SiteLoader.parse(path: "big.yaml", contents: data)
        #expect(result.diagnostics.map(\.description) == [
            "big.yaml:1:1: error: file is 1048577 bytes; a site file may be at most 1 MiB (1048576 bytes) (one site's webhooks fit in a few kilobytes)",
        ])
    }

    @Test func namesTheFirstByteThatIsNotUTF8() {
        var data = Data("site: site_a1\nwebhooks: [caf".utf8)
        data.append(contentsOf: [0xC3, 0x28])
        let result = SiteLoader.parse(path: "bin.yaml", contents: data)
        #expect(result.diagnostics.map(\.description) == [
            "bin.yaml:2:15: error: file is not valid UTF-8: byte 0xC3 at offset 28 (save the file as UTF-8)",
        ])
    }

    @Test func capsTheExpandedSizeOfAnAliasBomb() {
        let found = diagnostics(aliasBomb)
        #expect(found.count == 1)
        #expect(found.first?.contains("error: document expands to more than 10000 YAML nodes once aliases are resolved") == true)
    }

    @Test func anAliasBombUnusedByTheSiteIsStillRefused() {
        // The bomb hides under an unknown key the site never reads: it is refused all the same.
        let found = diagnostics(aliasBomb.replacingOccurrences(of: "webhooks: []\n", with: "webhooks:\n"))
        #expect(found.count == 1)
        #expect(found.first?.contains("YAML nodes once aliases are resolved") == true)
    }

    @Test(arguments: ["z: {*a9: 1}\n", "*a9 : 1\n", "z:\n  *a9: 1\n", "z: [*a9: 1]\n"])
    func refusesAnAliasAsAKey(_ tail: String) {
        let found = diagnostics(aliasBomb + tail)
        #expect(found.count == 1)
        #expect(found.first?.contains("error: an alias cannot be a mapping key in a site file (use aliases only for values") == true)
    }

    @Test(arguments: ["z: {[*a9]: 1}\n", "[*a9]: 1\n", "? *a9\n: 1\n", "z: {{a: *a9}: 1}\n"])
    func refusesComplexKeys(_ tail: String) {
        let found = diagnostics(aliasBomb + tail)
        #expect(found.count == 1)
        #expect(found.first?.contains("error: complex mapping keys ('?', or a list or mapping used as a key) are not allowed") == true)
    }

    @Test func refusesDeepFlowNesting() {
        let found = diagnostics("site: site_a1\nwebhooks: " + String(repeating: "[", count: 200_000))
        #expect(found == [
            "evil.yaml:2:74: error: nested more than 64 levels deep; a site file needs 4 (check for unbalanced '[' or '{')",
        ])
    }

    @Test func refusesDeepCompactSequences() {
        let found = diagnostics(String(repeating: "- ", count: 200_000) + "x\n")
        #expect(found == [
            "evil.yaml:1:127: error: nested more than 64 levels deep; a site file needs 4 (check the indentation)",
        ])
    }

    @Test func refusesDeepIndentation() {
        let text = (0..<500).map { String(repeating: " ", count: $0) + "k:\n" }.joined()
        let found = diagnostics(text)
        #expect(found == [
            "evil.yaml:65:65: error: nested more than 64 levels deep; a site file needs 4 (check the indentation)",
        ])
    }

    @Test func refusesDeepNestingThatNeitherBracketsNorIndentationShowAlone() {
        // 40 levels of indentation, then 40 of brackets: each under the cap, together over it.
        let text = (0..<40).map { String(repeating: " ", count: $0) + "k:\n" }.joined()
            + String(repeating: " ", count: 40) + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "\n"
        let found = diagnostics(text)
        #expect(found.count == 1)
        #expect(found.first?.contains("error: nested more than 64 levels deep; a site file needs 4") == true)
    }

    @Test func manyDuplicateKeysStayBounded() {
        let text = "site: site_a1\nwebhooks: []\n" + String(repeating: "site: x\n", count: 5_000)
        let found = diagnostics(text)
        #expect(!found.isEmpty)
        #expect(found.count <= YAMLDocument.maxRenamedKeys + 2)
        #expect(found.last?.contains("duplicate key 'site'") == true)
    }

    @Test func aFileOfRepeatedKeysIsNotParsedOverAndOver() {
        // Close to the size cap: the duplicate-key renaming gives up after about two parses.
        let text = "site: site_a1\nwebhooks: []\n" + String(repeating: "site: x\n", count: 100_000)
        let found = diagnostics(text)
        #expect(found.count == 1)
        #expect(found.first?.contains("error: duplicate key 'site'") == true)
    }

    @Test func controlCharactersAreAYAMLError() {
        #expect(diagnostics("site: a\u{0}b\nwebhooks: []\n") == [
            "evil.yaml:1:8: error: invalid YAML: control characters are not allowed",
        ])
    }
}
