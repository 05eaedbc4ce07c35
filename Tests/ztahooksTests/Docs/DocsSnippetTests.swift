import Foundation
import Testing

/// The receivers guide's deduplication snippets are the files `scripts/dedupe-proof` runs through
/// a rotate: a change to one without the other fails here.
struct DocsSnippetTests {
    @Test(arguments: ["Tests/Receivers/dedupe.py", "Tests/Receivers/dedupe.js"])
    func theGuideShowsTheTestedSnippetVerbatim(file: String) throws {
        let root = DocsLinkTests.root
        let snippet = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
        let guide = try String(contentsOf: root.appendingPathComponent("docs/guides/receivers.md"), encoding: .utf8)
        let fence = file.hasSuffix(".py") ? "```python\n" : "```js\n"
        #expect(guide.contains(fence + snippet + "```\n"), "docs/guides/receivers.md must show \(file) as it is")
    }
}
