import Foundation
import Testing

/// Every relative link and every `#anchor` in README.md and docs/**/*.md leads somewhere:
/// a moved page or a renamed heading fails here, naming the page, the line and the link.
/// Links to other sites (http, https, mailto) are not fetched.
struct DocsLinkTests {
    static let root = BinaryRunner.packageRoot

    /// README.md and every Markdown file under docs/, as paths relative to the package root.
    static func pages() -> [String] {
        var pages = ["README.md"]
        let docs = root.appendingPathComponent("docs")
        if let walker = FileManager.default.enumerator(atPath: docs.path) {
            for case let path as String in walker where path.hasSuffix(".md") {
                pages.append("docs/" + path)
            }
        }
        return pages.sorted()
    }

    static func read(_ page: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(page), encoding: .utf8)
    }

    @Test func everyRelativeLinkAndAnchorResolves() async throws {
        let pages = Self.pages()
        #expect(pages.count > 1, "no Markdown page under docs/")
        var parsed: [String: MarkdownPage] = [:]
        func page(_ path: String) throws -> MarkdownPage {
            if let known = parsed[path] { return known }
            let result = MarkdownPage(try Self.read(path))
            parsed[path] = result
            return result
        }

        for source in pages {
            for link in try page(source).links {
                let target = link.target
                if target.hasPrefix("http://") || target.hasPrefix("https://") || target.hasPrefix("mailto:") { continue }
                let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let path = String(parts[0]).removingPercentEncoding ?? String(parts[0])
                let fragment = parts.count > 1 ? String(parts[1]) : nil
                let where_ = "\(source):\(link.line): link \(target)"

                var resolved = source
                if !path.isEmpty {
                    let base = URL(fileURLWithPath: source, relativeTo: Self.root).deletingLastPathComponent()
                    let url = URL(fileURLWithPath: path, relativeTo: base).standardizedFileURL
                    guard FileManager.default.fileExists(atPath: url.path) else {
                        Issue.record("\(where_): no file or directory \(path)")
                        continue
                    }
                    resolved = String(url.path.dropFirst(Self.root.standardizedFileURL.path.count + 1))
                }
                guard let fragment, !fragment.isEmpty else { continue }
                guard resolved.hasSuffix(".md") else { continue }
                let anchors = try page(resolved).anchors
                #expect(anchors.contains(fragment), "\(where_): \(resolved) has no heading with the anchor #\(fragment)")
            }
        }
    }

    @Test func anchorsFollowGitHubsRules() {
        #expect(MarkdownPage.slug("Validating: `ztahooks validate [PATH...]`") == "validating-ztahooks-validate-path")
        #expect(MarkdownPage.slug("Handing secrets to receivers: `--on-secret`") == "handing-secrets-to-receivers---on-secret")
        #expect(MarkdownPage.slug("Sealing the secrets: `ZTAHOOKS_SECRETS_KEY`") == "sealing-the-secrets-ztahooks_secrets_key")
        #expect(MarkdownPage.slug("A secret's life, from create to receiver") == "a-secrets-life-from-create-to-receiver")
        #expect(MarkdownPage.slug("See [the guide](guide.md) → now") == "see-the-guide--now")
        let page = MarkdownPage("""
            # Title
            ## Usage
            ```sh
            # not a heading
            [not a link](missing.md)
            ```
            ## Usage
            Text with `[code](nowhere.md)` and a [real link](other.md#usage-1).
            <!-- [commented](gone.md) -->
            """)
        #expect(page.anchors == ["title", "usage", "usage-1"])
        #expect(page.links.map(\.target) == ["other.md#usage-1"])
    }
}
