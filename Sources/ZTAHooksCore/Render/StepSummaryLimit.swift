/// Keeps a Markdown report within what GitHub accepts in one step's job summary.
///
/// GitHub drops a step summary over 1 MiB whole, with an error in the log instead of the report.
/// A report that would pass the limit is cut at a line, the blocks it opened are closed so the
/// rest of the page still renders, and a last line says where the whole report is.
public enum StepSummaryLimit {
    /// 1 MiB, as GitHub documents for `GITHUB_STEP_SUMMARY`.
    public static let gitHubLimit = 1_048_576

    /// `markdown` whole when it fits in `room` bytes of UTF-8, else cut to fit with a note.
    public static func fit(_ markdown: String, room: Int, wholeReport: String) -> String {
        guard markdown.utf8.count > room else { return markdown }
        let note = "\n> **Cut** to stay under GitHub's 1 MiB job-summary limit. \(wholeReport)\n"
        // Room for the note and for the fence and `</details>` that may have to be closed.
        let budget = room - note.utf8.count - 32
        guard budget > 0 else { return "" }
        var kept = ""
        var used = 0
        var inFence = false
        var openDetails = 0
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let size = line.utf8.count + 1
            guard used + size <= budget else { break }
            kept += line + "\n"
            used += size
            if line.hasPrefix("```") { inFence.toggle() }
            if !inFence {
                openDetails += line.components(separatedBy: "<details").count - 1
                openDetails -= line.components(separatedBy: "</details>").count - 1
            }
        }
        if inFence { kept += "```\n" }
        if openDetails > 0 { kept += "\n</details>\n" }
        return kept + note
    }
}
