import Foundation
import Testing

/// docs/reference/commands/ holds one page per command and subcommand with the binary's help
/// verbatim, written by `scripts/docs-reference`. A changed flag, a new subcommand or a removed
/// one fails here until the pages are written again.
struct DocsCommandReferenceTests {
    static let directory = "docs/reference/commands"
    static let fix = "run `swift build && scripts/docs-reference` and commit the pages"

    private static func pagesOnDisk() throws -> Set<String> {
        let url = BinaryRunner.packageRoot.appendingPathComponent(directory)
        return Set(try FileManager.default.contentsOfDirectory(atPath: url.path)
            .filter { $0.hasSuffix(".md") && $0 != "README.md" })
    }

    private static func read(_ page: String) throws -> String {
        try String(contentsOf: BinaryRunner.packageRoot.appendingPathComponent("\(directory)/\(page)"), encoding: .utf8)
    }

    /// The first line that differs, for a message that says where to look.
    private static func firstDifference(_ page: String, _ binary: String) -> String {
        let a = page.split(separator: "\n", omittingEmptySubsequences: false)
        let b = binary.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? String(a[index]) : "(end of page)"
            let right = index < b.count ? String(b[index]) : "(end of help)"
            if left != right { return "line \(index + 1) of the help: page has \"\(left)\", binary prints \"\(right)\"" }
        }
        return "no line differs"
    }

    @Test func everyCommandHasAPageWithItsHelpVerbatim() async throws {
        let commands = try await CommandHelp.all()
        #expect(commands.count > 1, "found no subcommand in `ztahooks help`")
        let pages = try Self.pagesOnDisk()

        for command in commands where !pages.contains(command.pageName) {
            Issue.record("`\(command.invocation)` has no page \(Self.directory)/\(command.pageName): \(Self.fix)")
        }
        let names = Set(commands.map(\.pageName))
        for page in pages.subtracting(names).sorted() {
            Issue.record("\(Self.directory)/\(page) documents no command of the binary: \(Self.fix) (it removes such pages)")
        }
        for command in commands where pages.contains(command.pageName) {
            let path = "\(Self.directory)/\(command.pageName)"
            guard let fenced = CommandHelp.fencedHelp(in: try Self.read(command.pageName)) else {
                Issue.record("\(path) has no ```text block with the help of `\(command.invocation)`: \(Self.fix)")
                continue
            }
            if fenced != command.help {
                // Issue.record rather than #expect: the message names the line, not two whole pages.
                Issue.record("""
                    \(path) differs from what `\(command.invocation)` prints (COLUMNS=80): \
                    \(Self.firstDifference(fenced, command.help)). To fix it, \(Self.fix).
                    """)
            }
        }
    }

    @Test func theIndexLinksEveryPage() async throws {
        let index = try Self.read("README.md")
        for page in try Self.pagesOnDisk().sorted() {
            #expect(index.contains("](\(page))"), "\(Self.directory)/README.md does not link \(page): \(Self.fix)")
        }
    }

    @Test func subcommandsAreReadFromTheirSectionOnly() {
        let help = """
            OVERVIEW: Look into the secrets file.

            USAGE: ztahooks secrets <subcommand>

            OPTIONS:
              -h, --help              Show help information.

            SUBCOMMANDS:
              keygen                  Print a new secrets key: 32 random bytes in base64,
                                      and nothing else.
              list (default)          List the entries.

              See 'ztahooks help secrets <subcommand>' for detailed help.
            """
        #expect(CommandHelp.subcommands(in: help) == ["keygen", "list"])
        #expect(CommandHelp.subcommands(in: "OVERVIEW: Check site files offline.\n") == [])
    }
}
