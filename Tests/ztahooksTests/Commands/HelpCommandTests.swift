import Foundation
import Testing

/// Every subcommand's `--help` shows examples and names what each option takes
/// (`--out <file>`, not `--out <out>`).
struct HelpCommandTests {
    static let commands: [[String]] = [
        ["validate"], ["schema"], ["plan"], ["apply"], ["rotate"], ["import"], ["list"], ["drift"], ["verify"],
        ["trigger"], ["listen"], ["sim", "serve"], ["secrets", "list"], ["secrets", "show"], ["secrets", "export"],
        ["secrets", "keygen"], ["secrets", "rekey"],
    ]

    /// Options whose name is already the best word for their value.
    static let selfNamed: Set = ["format", "port", "path", "file"]

    @Test(arguments: commands)
    func helpHasExamplesAndNamedValues(command: [String]) async throws {
        let result = try await BinaryRunner.run(command + ["--help"])
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("\nExamples:\n  ztahooks \(command.joined(separator: " "))"), "\(command) has no examples")
        let options = try NSRegularExpression(pattern: "--([a-z-]+) <([a-z/-]+)>")
        let help = result.stdout
        for match in options.matches(in: help, range: NSRange(help.startIndex..., in: help)) {
            let name = String(help[Range(match.range(at: 1), in: help)!])
            let value = String(help[Range(match.range(at: 2), in: help)!])
            #expect(value != name || Self.selfNamed.contains(name), "\(command): --\(name) <\(value)>")
        }
    }
}
