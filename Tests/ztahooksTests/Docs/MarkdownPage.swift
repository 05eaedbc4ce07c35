import Foundation

/// The links and headings of a Markdown page, read the way GitHub renders it: nothing inside
/// fenced code blocks, inline code or HTML comments is a link or a heading.
struct MarkdownPage {
    struct Link: Hashable {
        var target: String
        var line: Int
    }

    var links: [Link] = []
    /// The anchors GitHub gives the page's headings, and any `<a id>` or `<a name>`.
    var anchors: Set<String> = []

    init(_ text: String) {
        var fence: String?
        var inComment = false
        var seen: [String: Int] = [:]
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let open = fence {
                if trimmed.hasPrefix(open), trimmed.allSatisfy({ $0 == open.first }) { fence = nil }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = String(trimmed.prefix { $0 == trimmed.first })
                continue
            }
            line = Self.removingComments(line, inComment: &inComment)
            // A heading's code spans are part of its anchor; elsewhere they hold no link.
            if let heading = Self.heading(in: line) {
                let slug = Self.slug(heading)
                let count = seen[slug, default: 0]
                seen[slug] = count + 1
                anchors.insert(count == 0 ? slug : "\(slug)-\(count)")
            }
            line = Self.removingCodeSpans(line)
            for anchor in Self.htmlAnchors(in: line) { anchors.insert(anchor) }
            for target in Self.linkTargets(in: line) {
                links.append(Link(target: target, line: number + 1))
            }
        }
    }

    private static func removingComments(_ line: String, inComment: inout Bool) -> String {
        var result = ""
        var rest = Substring(line)
        while !rest.isEmpty {
            if inComment {
                guard let end = rest.range(of: "-->") else { return result }
                rest = rest[end.upperBound...]
                inComment = false
            } else if let start = rest.range(of: "<!--") {
                result += rest[..<start.lowerBound]
                rest = rest[start.upperBound...]
                inComment = true
            } else {
                result += rest
                break
            }
        }
        return result
    }

    /// The line without its inline code spans (a run of backticks up to the same run).
    static func removingCodeSpans(_ line: String) -> String {
        var result = ""
        var index = line.startIndex
        while index < line.endIndex {
            guard line[index] == "`" else {
                result.append(line[index])
                index = line.index(after: index)
                continue
            }
            let runEnd = line[index...].firstIndex { $0 != "`" } ?? line.endIndex
            let run = line[index..<runEnd]
            if let close = line[runEnd...].range(of: run) {
                result += " "
                index = close.upperBound
            } else {
                result += run
                index = runEnd
            }
        }
        return result
    }

    /// `## Title` to `Title`, or `nil` for a line that is not an ATX heading.
    static func heading(in line: String) -> String? {
        let hashes = line.prefix { $0 == "#" }
        guard (1...6).contains(hashes.count), line.dropFirst(hashes.count).first == " " else { return nil }
        var text = line.dropFirst(hashes.count).trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("#") { text.removeLast() }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// GitHub's anchor for a heading: the rendered text (links keep their text, code its
    /// content), lowercased, every character but letters, digits, spaces, '-' and '_' dropped,
    /// and each space turned into '-'.
    static func slug(_ heading: String) -> String {
        let withoutLinks = heading.replacingOccurrences(of: #"!?\[([^\]]*)\]\([^)]*\)"#, with: "$1", options: .regularExpression)
        var slug = ""
        for character in withoutLinks.lowercased() {
            if character.isLetter || character.isNumber || character == "-" || character == "_" {
                slug.append(character)
            } else if character == " " {
                slug.append("-")
            }
        }
        return slug
    }

    /// The targets of inline links and images, and of reference definitions.
    static func linkTargets(in line: String) -> [String] {
        var targets: [String] = []
        let inline = try! NSRegularExpression(pattern: #"\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)"#)
        let definition = try! NSRegularExpression(pattern: #"^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?"#)
        let range = NSRange(line.startIndex..., in: line)
        for match in inline.matches(in: line, range: range) + definition.matches(in: line, range: range) {
            if let target = Range(match.range(at: 1), in: line) { targets.append(String(line[target])) }
        }
        return targets
    }

    static func htmlAnchors(in line: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"<a\s+(?:id|name)="([^"]+)""#)
        return pattern.matches(in: line, range: NSRange(line.startIndex..., in: line)).compactMap {
            Range($0.range(at: 1), in: line).map { String(line[$0]) }
        }
    }
}
