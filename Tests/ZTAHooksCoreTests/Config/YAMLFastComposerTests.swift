import Foundation
import Testing
@_spi(Testing) @testable import ZTAHooksCore

/// The fast composer builds the usual site file without Yams' composer; whenever it builds a
/// tree, that tree must be Yams' own, node for node, and whatever it declines goes to Yams.
struct YAMLFastComposerTests {
    @Test func theExampleSitesWithoutAnchorsTakeTheFastPathAndAgreeWithYams() throws {
        let directory = SourceTree.packageRoot.appendingPathComponent("examples/sites")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }
        #expect(!files.isEmpty)
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            // One example shares its event list through an anchor: that one is Yams' to compose.
            #expect((YAMLFastComposer.compose(text) != nil) == !text.contains("&"), "\(file)")
            #expect(YAMLFastComposer.differenceFromYams(text) == nil, "\(file)")
        }
    }

    @Test(arguments: [
        "site: a\nwebhooks: &w []\nother: *w\n",  // anchor and alias
        "site: !!str a\nwebhooks: []\n",  // explicit tag
        "site: a\nsite: b\nwebhooks: []\n",  // repeated key
        "site: a\n'site': b\n",  // repeated key, one quoted
        "? [a]\n: b\n",  // complex key
        "site: a\n---\nsite: b\n",  // second document
        "",  // no document
        "# only a comment\n",
        "site: [a\n",  // syntax error
        "site: a\n  bad: indentation\n",
    ])
    func declinesWhatItDoesNotBuildAndLeavesItToYams(text: String) throws {
        #expect(YAMLFastComposer.compose(text) == nil)
        // The document as a whole is unchanged: Yams composes it, messages and all.
        let loaded = SiteLoader.parse(path: "x.yaml", contents: Data(text.utf8))
        #expect(loaded.site == nil || !text.contains("&"))
    }

    @Test func quotedBlockAndPlainScalarsCarryYamsStylesTagsAndMarks() throws {
        let text = """
            site: "site_a"
            prune: false
            webhooks:
              - name: 'ops'
                url: https://hooks.example.com/x # comment
                events: [pageview, "goal"]
                description: |
                  two
                  lines
              - {name: b, url: "https://b.example.com/", events: [alert]}
            """
        #expect(YAMLFastComposer.compose(text) != nil)
        #expect(YAMLFastComposer.differenceFromYams(text) == nil)
        #expect(YAMLFastComposer.differenceFromYams(text.replacingOccurrences(of: "\n", with: "\r\n")) == nil)
    }

    /// Found by the fuzzer: Yams decodes scalars with Foundation, which drops one leading byte
    /// order mark (and only one); the fast composer does the same.
    @Test(arguments: ["site: \u{FEFF}a\n", "site: \u{FEFF}\u{FEFF}a\n", "site: a\u{FEFF}\n", "- - \u{FEFF}x: y\n", "k: \"\u{FEFF}\"\n"])
    func aLeadingByteOrderMarkInAScalarIsDroppedAsYamsDropsIt(text: String) {
        #expect(YAMLFastComposer.compose(text) != nil)
        #expect(YAMLFastComposer.differenceFromYams(text) == nil)
    }

    /// Random documents of the shapes site files take, and random edits of them, against Yams.
    @Test func randomDocumentsAndEditsOfThemComposeAsYamsComposesThem() {
        var fast = 0
        var cases = 0
        for seed in PropertySeeds(defaultCases: 3_000) {
            var random = PropertyRandom(seed: seed)
            var text = Self.document(&random)
            if random.chance(0.5) { text = Self.edit(text, &random) }
            cases += 1
            if YAMLFastComposer.compose(text) != nil { fast += 1 }
            if let difference = YAMLFastComposer.differenceFromYams(text) {
                Issue.record("seed \(seed): \(difference) in \(text.debugDescription)")
            }
        }
        // Not vacuous: most cases must take the fast path.
        #expect(fast * 3 > cases, "\(fast) of \(cases) took the fast path")
    }

    private static let scalars = [
        "site_a", "hooks", "https://hooks.example.com/x?a=1", "\"quoted: text\"", "'single ''quoted'''", "true", "no", "~",
        "null", "12", "0x1F", "1e3", "\"\"", "''", "é ü", "\"\\u00e9\\t\"", "\u{FEFF}bom", "a b c", "-", "a#b", "\"#x\"", "[]", "{}",
    ]
    private static let keys = ["site", "webhooks", "name", "url", "events", "prune", "description", "\"site\"", "'url'", "x y", "k"]

    private static func document(_ random: inout PropertyRandom) -> String {
        var lines = ["site: \(random.pick(scalars))"]
        if random.chance(0.3) { lines.append("prune: \(random.pick(["true", "false", "yes"]))") }
        lines.append(random.chance(0.1) ? "webhooks: []" : "webhooks:")
        for _ in 0..<random.int(0...3) {
            if random.chance(0.2) {
                lines.append("  - {name: \(random.pick(scalars)), events: [\(random.pick(scalars)), \(random.pick(scalars))]}")
                continue
            }
            lines.append("  - name: \(random.pick(scalars))")
            for _ in 0..<random.int(0...3) {
                switch random.int(0...3) {
                case 0: lines.append("    \(random.pick(keys)): \(random.pick(scalars))")
                case 1: lines.append("    events: [\(random.pick(scalars)), \(random.pick(scalars))]")
                case 2: lines += ["    events:", "      - \(random.pick(scalars))", "      - \(random.pick(scalars))"]
                default: lines += ["    description: \(random.pick(["|", ">", "|-", ">+"]))", "      line one", "      line two"]
                }
            }
            if random.chance(0.2) { lines.append("    # a comment") }
        }
        let breaks = random.pick(["\n", "\r\n"])
        return lines.joined(separator: breaks) + (random.chance(0.8) ? breaks : "")
    }

    /// One small edit: a character dropped, doubled or replaced by one YAML cares about.
    private static func edit(_ text: String, _ random: inout PropertyRandom) -> String {
        var scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty else { return text }
        let index = random.int(0...(scalars.count - 1))
        switch random.int(0...2) {
        case 0: scalars.remove(at: index)
        case 1: scalars.insert(scalars[index], at: index)
        default: scalars[index] = random.pick([":", "-", " ", "\t", "#", "'", "\"", "[", "]", "{", "}", ",", "&", "*", "!", "?", "|", "\n"])
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }
}
