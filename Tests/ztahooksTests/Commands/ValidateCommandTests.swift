import Foundation
import Testing

/// `ztahooks validate` and `ztahooks schema` through the built binary, as CI runs them.
struct ValidateCommandTests {
    private func withSites(_ files: [String: String], _ body: (URL) async throws -> Void) async throws {
        let directory = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, text) in files {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try await body(directory)
    }

    private let good = "site: site_a1\nwebhooks:\n  - name: ops\n    url: https://h.example.com/a\n    events: [alert]\n"
    private let bad = "site: site_b2\nwebhooks:\n  - name: ops\n    url: http://h.example.com/a\n    events: [PageView]\n"

    @Test func theExamplesAreValid() async throws {
        let result = try await BinaryRunner.run(["validate", "examples/sites"])
        #expect(result.exitCode == 0)
        #expect(result.stdout == "3 files, 5 webhooks: 0 errors, 0 warnings\n")
        #expect(result.stderr == "")
    }

    @Test func textFormatPrintsEveryProblemAndExitsOne() async throws {
        try await withSites(["sites/good.yaml": good, "sites/bad.yaml": bad, "sites/empty.yaml": "site: s3\nwebhooks: []\n"]) { dir in
            let result = try await BinaryRunner.run(["validate", "sites"], in: dir, environment: ["TERM": "xterm-256color"])
            #expect(result.exitCode == 1)
            #expect(result.stdout == """
                sites/bad.yaml:4:10: error: URL must use HTTPS; the ZTA API rejects http:// URLs (use https://h.example.com/a)
                sites/bad.yaml:5:14: error: unknown event type 'PageView' (did you mean 'pageview'?)
                sites/empty.yaml:2:11: warning: no webhooks declared: apply will delete every live webhook of this site and needs --allow-empty
                3 files, 2 webhooks: 2 errors, 1 warning

                """)
            #expect(result.stderr == "")
        }
    }

    @Test func aFIFOInASiteDirectoryIsSkippedWithAWarningInsteadOfHanging() async throws {
        try await withSites(["sites/good.yaml": good]) { dir in
            try #require(mkfifo(dir.appendingPathComponent("sites/pipe.yaml").path, 0o600) == 0)
            let result = try await BinaryRunner.run(["validate", "sites"], in: dir, timeLimit: .seconds(20))
            #expect(!result.timedOut, "validate hung on a FIFO")
            #expect(result.exitCode == 0)
            #expect(result.stdout == """
                sites/pipe.yaml:1:1: warning: not a regular file (a FIFO); skipped
                1 file, 1 webhook: 0 errors, 1 warning

                """)
        }
    }

    @Test func aFIFOGivenByNameIsAnErrorAndNotOpened() async throws {
        try await withSites([:]) { dir in
            try #require(mkfifo(dir.appendingPathComponent("pipe.yaml").path, 0o600) == 0)
            let result = try await BinaryRunner.run(["validate", "pipe.yaml"], in: dir, timeLimit: .seconds(20))
            #expect(!result.timedOut, "validate hung on a FIFO")
            #expect(result.exitCode == 1)
            #expect(result.stdout.hasPrefix("pipe.yaml:1:1: error: not a regular file (a FIFO); not read\n"))
        }
    }

    @Test func warningsAloneExitZero() async throws {
        try await withSites(["empty.yaml": "site: s3\nwebhooks: []\n"]) { dir in
            let result = try await BinaryRunner.run(["validate", "empty.yaml"], in: dir)
            #expect(result.exitCode == 0)
            #expect(result.stdout.hasSuffix("1 file, 0 webhooks: 0 errors, 1 warning\n"))
        }
    }

    @Test func defaultsToTheCurrentDirectory() async throws {
        try await withSites(["a.yaml": good, ".hidden/b.yaml": bad]) { dir in
            let result = try await BinaryRunner.run(["validate"], in: dir)
            #expect(result.exitCode == 0)
            #expect(result.stdout == "1 file, 1 webhook: 0 errors, 0 warnings\n")
        }
    }

    @Test func aMissingPathIsAnError() async throws {
        try await withSites([:]) { dir in
            let result = try await BinaryRunner.run(["validate", "nope"], in: dir)
            #expect(result.exitCode == 1)
            #expect(result.stdout == "nope:1:1: error: no such file or directory\n0 files, 0 webhooks: 1 error, 0 warnings\n")
        }
    }

    @Test func jsonFormatIsMachineReadable() async throws {
        try await withSites(["bad.yaml": bad]) { dir in
            let result = try await BinaryRunner.run(["validate", "--format", "json", "bad.yaml"], in: dir)
            #expect(result.exitCode == 1)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(object["valid"] as? Bool == false)
            #expect(object["files"] as? Int == 1)
            #expect(object["webhooks"] as? Int == 1)
            #expect(object["errors"] as? Int == 2)
            #expect(object["warnings"] as? Int == 0)
            let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
            #expect(diagnostics.count == 2)
            #expect(diagnostics[1]["file"] as? String == "bad.yaml")
            #expect(diagnostics[1]["line"] as? Int == 5)
            #expect(diagnostics[1]["column"] as? Int == 14)
            #expect(diagnostics[1]["severity"] as? String == "error")
            #expect(diagnostics[1]["message"] as? String == "unknown event type 'PageView'")
            #expect(diagnostics[1]["hint"] as? String == "did you mean 'pageview'?")
        }
    }

    @Test func githubFormatPrintsWorkflowCommands() async throws {
        try await withSites(["bad.yaml": bad]) { dir in
            let result = try await BinaryRunner.run(["validate", "--format", "github", "bad.yaml"], in: dir)
            #expect(result.exitCode == 1)
            #expect(result.stdout == """
                ::error file=bad.yaml,line=4,col=10::URL must use HTTPS; the ZTA API rejects http:// URLs (use https://h.example.com/a)
                ::error file=bad.yaml,line=5,col=14::unknown event type 'PageView' (did you mean 'pageview'?)
                1 file, 1 webhook: 2 errors, 0 warnings

                """)
        }
    }

    @Test func noColourWhenNotATerminal() async throws {
        try await withSites(["bad.yaml": bad]) { dir in
            let result = try await BinaryRunner.run(["validate", "bad.yaml"], in: dir, environment: ["TERM": "xterm-256color"])
            #expect(!result.stdout.contains("\u{1B}["))
        }
    }

    @Test(arguments: [["validate", "--format", "yaml"], ["validate", "--bogus"], ["schema", "extra"]])
    func badUsageExitsSixtyFour(_ args: [String]) async throws {
        let result = try await BinaryRunner.run(args)
        #expect(result.exitCode == 64)
        #expect(result.stdout == "")
        #expect(!result.stderr.isEmpty)
    }

    @Test func schemaPrintsTheCommittedSchema() async throws {
        let result = try await BinaryRunner.run(["schema"])
        #expect(result.exitCode == 0)
        let committed = try String(
            contentsOf: BinaryRunner.packageRoot.appendingPathComponent("schemas/site.schema.json"), encoding: .utf8
        )
        #expect(result.stdout == committed)
    }
}
