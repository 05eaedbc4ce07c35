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

    /// The same break made an empty document's node, and the rules' message about it, point
    /// at line 4 of a three-line file (`%YAML 1.2`, `---`, a comment, no final break).
    @Test func aRuleAboutANodeAtTheVeryEndPointsInsideTheFile() {
        let text = "%YAML 1.2\n---\n# yas"
        #expect(SiteLoader.parse(path: "f.yaml", contents: Data(text.utf8)).diagnostics.map(\.description) == [
            "f.yaml:3:6: error: the top level must be a mapping with 'site' and 'webhooks', found nothing (start the file with 'site: <site ID>')",
        ])
        #expect(locations("site: a\nwebhooks:\n  - name: a\n    url:") .allSatisfy { $0[0] <= 4 })
        let project = ProjectLoader.parse(path: "ztahooks.yaml", contents: Data("---\n# nothing".utf8))
        #expect(project.diagnostics.allSatisfy { $0.location.line <= 2 }, "\(project.diagnostics)")
        #expect(!project.diagnostics.isEmpty)
    }

    @Test func theEndOfAFileCountsLinesAsLibyamlDoes() {
        #expect(locations("webhooks: [a,\r\n  b,\rc,\u{2028}d,") == [[4, 3]])
        #expect(locations("webhooks: [a,\n") == [[2, 1]])
    }
}
