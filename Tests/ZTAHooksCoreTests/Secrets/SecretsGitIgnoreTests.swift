import Foundation
import TestSupport
import Testing
import ZTAHooksCore

struct SecretsGitIgnoreTests {
    struct Probe: GitIgnoreProbe {
        var answers: [String: Bool]
        func isIgnored(_ path: String) -> Bool? { answers[path] }
    }

    @Test func warnsWhenTheDefaultFileIsNotIgnored() {
        let probe = Probe(answers: [".ztahooks/secrets.json": false, ".ztahooks/secrets.json.journal": false])
        #expect(gitIgnoreWarning(for: ".ztahooks/secrets.json", probe: probe)
            == "the secrets file .ztahooks/secrets.json is inside a git work tree and not ignored; add '.ztahooks/' to .gitignore so that secrets are never committed")
    }

    @Test func warnsWhenOnlyTheJournalWouldBeCommitted() {
        let probe = Probe(answers: ["ops/prod.json": true, "ops/prod.json.journal": false])
        #expect(gitIgnoreWarning(for: "ops/prod.json", probe: probe)
            == "the secrets file ops/prod.json is inside a git work tree and not ignored; add 'prod.json*' to .gitignore so that secrets are never committed")
    }

    @Test func staysQuietWhenIgnoredOrOutsideAWorkTree() {
        #expect(gitIgnoreWarning(for: "s.json", probe: Probe(answers: ["s.json": true, "s.json.journal": true])) == nil)
        #expect(gitIgnoreWarning(for: "s.json", probe: Probe(answers: [:])) == nil)
    }

    @Test func asksGitForReal() async throws {
        let root = SecretsFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try #require(try await ChildProcess.run("git", ["init", "-q", root]).status == 0)
        let path = root + "/.ztahooks/secrets.json"
        #expect(ProcessGitIgnoreProbe().isIgnored(path) == false)
        try Data(".ztahooks/\n".utf8).write(to: URL(fileURLWithPath: root + "/.gitignore"))
        #expect(ProcessGitIgnoreProbe().isIgnored(path) == true)
        #expect(ProcessGitIgnoreProbe().isIgnored(NSTemporaryDirectory() + "/outside-\(UUID().uuidString)/s.json") == nil)
    }
}
