import Testing
@testable import ZTAHooksCore

/// A job summary is cut to the room left in the step's 1 MiB, and stays valid Markdown.
struct StepSummaryLimitTests {
    static let whole = "The whole report is in the job log."

    @Test func aReportThatFitsIsUntouched() {
        let markdown = "### ztahooks drift\n\n**No drift.**\n"
        #expect(StepSummaryLimit.fit(markdown, room: markdown.utf8.count, wholeReport: Self.whole) == markdown)
    }

    @Test func aLongReportIsCutAtALineWithItsBlocksClosed() {
        let rows = (0..<2_000).map { "- row \($0) with some words to fill the line\n" }.joined()
        let markdown = "### report\n\n<details><summary>all</summary>\n\n```\n" + rows + "```\n\n</details>\n"
        let cut = StepSummaryLimit.fit(markdown, room: 10_000, wholeReport: Self.whole)
        #expect(cut.utf8.count <= 10_000)
        #expect(cut.utf8.count > 9_000)
        #expect(cut.hasPrefix("### report\n"))
        #expect(cut.hasSuffix("\n```\n\n</details>\n\n> **Cut** to stay under GitHub's 1 MiB job-summary limit. \(Self.whole)\n"))
        // Every kept row is whole.
        for line in cut.split(separator: "\n") where line.hasPrefix("- row ") {
            #expect(line.hasSuffix("fill the line"))
        }
    }

    @Test func noRoomLeavesNothing() {
        #expect(StepSummaryLimit.fit(String(repeating: "x\n", count: 500), room: 50, wholeReport: Self.whole) == "")
    }
}
