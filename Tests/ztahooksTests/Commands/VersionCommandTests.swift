import Foundation
import TestSupport
import Testing

/// `ztahooks --version` and the shell completions, end to end. The packaged binary (stamped with
/// its commit, run without Swift on PATH) is checked by `scripts/package-test`.
struct VersionCommandTests {
    @Test func versionOfAnUnstampedBuildSaysTheCommitIsUnknown() async throws {
        let result = try await BinaryRunner.run(["--version"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        // Only `scripts/package` stamps a commit; a test build is a plain `swift build`.
        let version = try Self.sourceVersion()
        #expect(result.stdout == "\(version) (unknown commit)\n")
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptNamesEverySubcommand(shell: String) async throws {
        let result = try await BinaryRunner.run(["--generate-completion-script", shell])
        #expect(result.exitCode == 0, "\(result.stderr)")
        for subcommand in ["validate", "plan", "apply", "rotate", "import", "drift", "secrets", "listen"] {
            #expect(result.stdout.contains(subcommand), "\(shell) completion lacks \(subcommand)")
        }
    }

    @Test func bashCompletionParses() async throws {
        let script = try await BinaryRunner.run(["--generate-completion-script", "bash"]).stdout
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ztahooks-completion-\(UUID()).bash")
        try Data(script.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(try await ChildProcess.run(URL(fileURLWithPath: "/bin/bash"), ["-n", file.path]).status == 0)
    }

    /// `BuildInfo.version` as the source declares it (what `scripts/package` names the tarball after).
    static func sourceVersion() throws -> String {
        let source = try String(
            contentsOf: BinaryRunner.packageRoot.appendingPathComponent("Sources/ztahooks/Version.swift"),
            encoding: .utf8
        )
        let match = try #require(source.firstMatch(of: /static let version = "([^"]+)"/))
        return String(match.1)
    }
}
