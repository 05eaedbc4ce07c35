import Foundation

/// A command of the built binary and its help, as `scripts/docs-reference` reads them: the same
/// walk through the SUBCOMMANDS sections, the same width and the same clean environment, so that
/// the test and the generator always agree on what a page must hold.
struct CommandHelp: Sendable {
    /// The words after `ztahooks`: `[]` for the top level, `["secrets", "list"]` for a subcommand.
    var path: [String]
    /// The help text exactly as printed, without its trailing line breaks (a page's fenced block).
    var help: String

    /// The page's file name in docs/reference/commands/: `plan.md`, `secrets-list.md`, and
    /// `ztahooks.md` for the top-level help.
    var pageName: String { path.isEmpty ? "ztahooks.md" : path.joined(separator: "-") + ".md" }

    /// `ztahooks help secrets list`, for messages.
    var invocation: String { (["ztahooks", "help"] + path).joined(separator: " ") }

    /// The width the help is wrapped to; when standard output is not a terminal,
    /// swift-argument-parser reads COLUMNS, else falls back to 80.
    static let environment = ["COLUMNS": "80", "LINES": "25"]

    /// Every command, each followed by its subcommands, found from `ztahooks help` recursively.
    static func all() async throws -> [CommandHelp] {
        var found: [CommandHelp] = []
        try await walk([], into: &found)
        return found
    }

    private static func walk(_ path: [String], into found: inout [CommandHelp]) async throws {
        let help = try await help(of: path)
        found.append(CommandHelp(path: path, help: help))
        for name in subcommands(in: help) {
            try await walk(path + [name], into: &found)
        }
    }

    /// The help of `ztahooks help PATH...`.
    static func help(of path: [String]) async throws -> String {
        let result = try await BinaryRunner.run(["help"] + path, environment: environment, timeLimit: .seconds(60))
        guard result.exitCode == 0, !result.timedOut else {
            throw HelpFailure(invocation: (["ztahooks", "help"] + path).joined(separator: " "),
                              exitCode: result.exitCode, stderr: result.stderr)
        }
        var text = Substring(result.stdout)
        while text.hasSuffix("\n") { text = text.dropLast() }
        return String(text)
    }

    /// The names listed in a help text's SUBCOMMANDS section: the lines indented by exactly two
    /// spaces, up to the section's first blank line (a "(default)" mark after a name is dropped).
    static func subcommands(in help: String) -> [String] {
        var names: [String] = []
        var inside = false
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "SUBCOMMANDS:" {
                inside = true
            } else if inside {
                if line.isEmpty { break }
                if line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first {
                    names.append(String(name))
                }
            }
        }
        return names
    }

    /// The text of a page's first ```text fenced block; `nil` when it has none.
    static func fencedHelp(in page: String) -> String? {
        let lines = page.split(separator: "\n", omittingEmptySubsequences: false)
        guard let open = lines.firstIndex(of: "```text"),
              let close = lines[(open + 1)...].firstIndex(of: "```") else { return nil }
        return lines[(open + 1)..<close].joined(separator: "\n")
    }

    struct HelpFailure: Error, CustomStringConvertible {
        var invocation: String
        var exitCode: Int32
        var stderr: String
        var description: String { "`\(invocation)` exited \(exitCode): \(stderr)" }
    }
}
