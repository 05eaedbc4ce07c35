import Foundation
import Testing
@testable import ZTAHooksCore

/// Site files the fuzzer (`scripts/fuzz FuzzSiteFile`) found wanting, kept byte for byte.
struct SiteFileFuzzRegressionTests {
    private func locations(_ text: String) -> [[Int]] {
        SiteLoader.parse(path: "f.yaml", contents: Data(text.utf8)).diagnostics.map { [$0.location.line, $0.location.column] }
    }

    /// libyaml ends a stream without a final line break with a break of its own, so a problem at
    /// the very end was reported on line 2 of a one-line file, where no editor can go.
    @Test func aProblemAtTheEndOfAFileWithoutALineBreakPointsAtItsLastCharacter() {
        let result = SiteLoader.parse(path: "f.yaml", contents: Data("a: &a [x, x, x# y, x, xa,".utf8))
        #expect(result.diagnostics.map(\.description) == [
            "f.yaml:1:26: error: invalid YAML: did not find expected node content (while parsing a flow node at line 1, column 26)",
        ])
    }

    @Test func theEndOfAFileCountsLinesAsLibyamlDoes() {
        #expect(locations("webhooks: [a,\r\n  b,\rc,\u{2028}d,") == [[4, 3]])
        #expect(locations("webhooks: [a,\n") == [[2, 1]])
    }
}
