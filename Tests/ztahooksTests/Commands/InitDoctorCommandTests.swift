import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport
import Testing
import ZTAHooksCore

/// A team's first day, as a new user would try it: `init` in an empty directory, then `doctor`
/// against the emulator, with each thing a first day gets wrong.
struct InitDoctorCommandTests {
    private static func run(_ args: [String], in root: URL, environment: [String: String] = [:]) async throws -> BinaryRunner.Result {
        let result = try await BinaryRunner.run(args, in: root, environment: environment)
        #expect(!result.stdout.contains("whsec_") && !result.stderr.contains("whsec_"), "a secret was printed")
        return result
    }

    @Test func initWritesTheRepositoryAndNeverOverwrites() async throws {
        let root = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try "build/\n".write(to: root.appendingPathComponent(".gitignore"), atomically: false, encoding: .utf8)
        let dry = try await Self.run(["init", "--ci", "github", "--dry-run"], in: root)
        #expect(dry.exitCode == 0)
        #expect(dry.stdout.contains("would write .github/workflows/ztahooks-apply.yml"))
        #expect(dry.stdout.contains("would add 4 lines to .gitignore"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("ztahooks.yaml").path))

        let done = try await Self.run(["init", "--ci", "github"], in: root)
        #expect(done.exitCode == 0, "\(done.stderr)")
        #expect(done.stdout.contains("gh secret set ZTAHOOKS_SECRETS_KEY < ~/.ztahooks-key"))
        #expect(done.stdout.contains("ztahooks doctor"))
        for (written, example) in [("ztahooks-plan.yml", "ztahooks-plan.yml"), ("ztahooks-apply.yml", "ztahooks-apply.yml"), ("ztahooks-drift.yml", "ztahooks-drift.yml")] {
            let ours = try String(contentsOf: root.appendingPathComponent(".github/workflows/\(written)"), encoding: .utf8)
            let theirs = try String(contentsOf: BinaryRunner.packageRoot.appendingPathComponent("examples/ci/github/\(example)"), encoding: .utf8)
            #expect(ours == theirs, "\(written) is not the example of examples/ci/github (run scripts/embed-texts)")
        }
        let gitignore = try String(contentsOf: root.appendingPathComponent(".gitignore"), encoding: .utf8)
        #expect(gitignore.hasPrefix("build/\n"))
        #expect(gitignore.contains("\n.ztahooks/*\n!.ztahooks/secrets.json\n"))
        // What it wrote validates as it is, the schemas included.
        let validated = try await Self.run(["validate"], in: root)
        #expect(validated.exitCode == 0, "\(validated.stdout)\(validated.stderr)")
        let schema = try await Self.run(["schema"], in: root)
        #expect(try String(contentsOf: root.appendingPathComponent("schemas/site.schema.json"), encoding: .utf8) == schema.stdout)

        let again = try await Self.run(["init", "--ci", "gitlab"], in: root)
        #expect(again.exitCode == 3)
        #expect(again.stderr.contains("refused: ztahooks.yaml exists, and init never overwrites a file"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent(".gitlab-ci.yml").path))
        #expect(try String(contentsOf: root.appendingPathComponent(".gitignore"), encoding: .utf8) == gitignore)
    }

    @Test func initImportsLiveSitesOnTheSandboxAndAPlanShowsNoChange() async throws {
        let root = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let state = #"{"version": 1, "webhooks": [{"siteId": "site_live", "id": "wh_live1", "url": "https://hooks.example.com/live", "events": ["goal"], "secret": "whsec_live", "active": true, "createdAt": "2025-01-01T00:00:00.000Z", "lastTriggered": null, "description": null}]}"#
        try BinaryRunner.write(state, to: "repo/.ztahooks/sandbox.json", under: root)
        let repo = root.appendingPathComponent("repo")
        let done = try await Self.run(["init", "--ci", "gitlab", "--import", "site_live", "--sandbox"], in: repo)
        #expect(done.exitCode == 0, "\(done.stderr)")
        #expect(FileManager.default.fileExists(atPath: repo.appendingPathComponent("sites/site_live.yaml").path))
        #expect(!FileManager.default.fileExists(atPath: repo.appendingPathComponent("sites/example.yaml").path))
        #expect(try String(contentsOf: repo.appendingPathComponent("sites/site_live.yaml"), encoding: .utf8)
            .hasPrefix("# yaml-language-server: $schema=../schemas/site.schema.json"))
        #expect(done.stdout.contains("glab variable set ZTAHOOKS_SECRETS_KEY"))
        let plan = try await Self.run(["plan", "--sandbox", "--detailed-exitcode"], in: repo)
        #expect(plan.exitCode == 0, "\(plan.stdout)\(plan.stderr)")
    }

    @Test func doctorTellsEachFirstDayMistakeWithItsFix() async throws {
        let root = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try await Self.run(["init"], in: root).exitCode == 0)
        let (emulator, url) = try await BackgroundProcess.emulator(in: root, ["--token", "good:site_example,site_scratch"])
        defer { emulator.stop() }
        let env = ["ZTA_API_URL": url, "ZTA_API_TOKEN": "good"]

        let clean = try await Self.run(["doctor"], in: root, environment: env)
        #expect(clean.exitCode == 0, "\(clean.stdout)")
        #expect(clean.stdout.contains("ok    site access   every declared site can be listed (1)"))
        #expect(clean.stdout.contains("Doctor: "))

        let refused = try await Self.run(["doctor", "--format", "json"], in: root, environment: ["ZTA_API_URL": url, "ZTA_API_TOKEN": "wrong-token"])
        #expect(refused.exitCode == 1)
        let checks = try #require(try JSONSerialization.jsonObject(with: Data(refused.stdout.utf8)) as? [String: Any])["checks"] as? [[String: Any]]
        let api = try #require(checks?.first { $0["check"] as? String == "api" })
        #expect(api["status"] as? String == "fail")
        #expect((api["message"] as? String)?.contains("refused the token (401") == true)
        #expect(!refused.stdout.contains("wrong-token"))

        try String(contentsOf: root.appendingPathComponent("sites/example.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "site_example", with: "site_not_mine")
            .write(to: root.appendingPathComponent("sites/example.yaml"), atomically: false, encoding: .utf8)
        let forbidden = try await Self.run(["doctor"], in: root, environment: env)
        #expect(forbidden.exitCode == 1)
        #expect(forbidden.stdout.contains("fail  site access   site_not_mine: this token may not read it (403 Access denied)"))
        try String(contentsOf: root.appendingPathComponent("sites/example.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "site_not_mine", with: "site_example")
            .write(to: root.appendingPathComponent("sites/example.yaml"), atomically: false, encoding: .utf8)

        // A plain secrets file that others can read, and a key that is not the file's.
        let key = try await Self.run(["secrets", "keygen"], in: root).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try await Self.run(["apply", "--auto-approve"], in: root, environment: env.merging(["ZTAHOOKS_SECRETS_KEY": key]) { $1 }).exitCode == 0)
        let secrets = root.appendingPathComponent(".ztahooks/secrets.json").path
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: secrets)
        let other = try await Self.run(["secrets", "keygen"], in: root).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let wrong = try await Self.run(["doctor"], in: root, environment: env.merging(["ZTAHOOKS_SECRETS_KEY": other]) { $1 })
        #expect(wrong.exitCode == 1)
        #expect(wrong.stdout.contains("mode 644, readable by others"), "\(wrong.stdout)")
        #expect(wrong.stdout.contains("warn  secrets file"))
        #expect(wrong.stdout.contains("fail  key"))
        #expect(wrong.stdout.contains("is sealed with key"))
        let noKey = try await Self.run(["doctor"], in: root, environment: env)
        #expect(noKey.stdout.contains("fail  key           the secrets file is sealed with key"))
    }

    @Test func doctorContractCatchesAnAnswerOfAnotherShapeAndLeavesNothing() async throws {
        let root = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try await Self.run(["init"], in: root).exitCode == 0)
        let (emulator, url) = try await BackgroundProcess.emulator(in: root, ["--token", "good:site_example,site_scratch"])
        defer { emulator.stop() }
        let env = ["ZTA_API_URL": url, "ZTA_API_TOKEN": "good"]
        let good = try await Self.run(["doctor", "--contract", "--site", "site_scratch"], in: root, environment: env)
        #expect(good.stdout.contains("ok    contract      create, list, delete and list again on site_scratch answer as schemas/zta-api.openapi.yaml says"),
                "\(good.stdout)")

        var request = URLRequest(url: URL(string: url + "/_sim/faults")!)
        request.httpMethod = "POST"
        request.httpBody = Data(#"{"contractBreak": true}"#.utf8)
        _ = try await URLSession.shared.data(for: request)
        let broken = try await Self.run(["doctor", "--contract", "--site", "site_scratch"], in: root, environment: env)
        #expect(broken.exitCode == 1)
        #expect(broken.stdout.contains("fail  contract      the API differs from its contract: create: webhook: misses the required field \"createdAt\"; "
            + "create: webhook.active: must be a boolean, found a string"), "\(broken.stdout)")
        // Both round trips deleted their scratch webhook.
        let state = try await LoopbackHTTP.get(url + "/_sim/state")
        #expect(!String(decoding: state, as: UTF8.self).contains("ztahooks-contract-check"))
        let usage = try await Self.run(["doctor", "--contract"], in: root, environment: env)
        #expect(usage.exitCode == 64)
    }
}
