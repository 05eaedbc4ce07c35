import Foundation
import Testing
import ZTAHooksCore

/// The sealed secrets file and `ztahooks secrets` through the binary, against the sandbox.
struct SecretsCommandTests {
    typealias Workspace = PlanCommandTests.Workspace

    static let secretsPath = ".ztahooks/sandbox-secrets.json"

    static func keygen() async throws -> String {
        try await BinaryRunner.run(["secrets", "keygen"]).stdout.trimmingCharacters(in: .newlines)
    }

    /// A workspace whose sandbox secrets file was sealed by an apply with `key`.
    static func sealedWorkspace(key: String) async throws -> Workspace {
        let workspace = try Workspace()
        let apply = try await BinaryRunner.run(["apply", "sites", "--sandbox", "--auto-approve"], in: workspace.root,
                                         environment: ["ZTAHOOKS_SECRETS_KEY": key])
        #expect(apply.exitCode == 0, "\(apply.stderr)")
        return workspace
    }

    func text(_ workspace: Workspace) throws -> String {
        String(decoding: try workspace.read(Self.secretsPath), as: UTF8.self)
    }

    @Test func keygenPrintsANewKeyAndNothingElse() async throws {
        let first = try await BinaryRunner.run(["secrets", "keygen"])
        let second = try await BinaryRunner.run(["secrets", "keygen"])
        #expect(first.exitCode == 0 && first.stderr.isEmpty)
        #expect(first.stdout.hasSuffix("\n") && first.stdout.split(separator: "\n").count == 1)
        let key = try SecretsKey(base64: first.stdout)
        #expect(key.id.count == 16)
        #expect(first.stdout != second.stdout)
    }

    @Test func anApplyWithAKeySealsTheFileAndPlanNeedsNoKey() async throws {
        let key = try await Self.keygen()
        let workspace = try Workspace()
        defer { workspace.remove() }
        let apply = try await BinaryRunner.run(["apply", "sites", "--sandbox", "--auto-approve"], in: workspace.root,
                                         environment: ["ZTAHOOKS_SECRETS_KEY": key])
        #expect(apply.exitCode == 0, "\(apply.stderr)")
        // The seeded file held two secrets in plain text: sealed, and said once.
        #expect(apply.stderr.contains("note: sealed the secrets file"))
        #expect(apply.stderr.contains("2 secrets were in plain text"))
        #expect(!apply.stdout.contains("whsec_") && !apply.stderr.contains("whsec_"))
        let file = try text(workspace)
        #expect(!file.contains("whsec_"))
        #expect(file.contains(#""encryption": {"algorithm": "AES-256-GCM", "keyId": "\#(try SecretsKey(base64: key).id)"}"#))

        let plan = try await workspace.plan(["--sandbox", "--detailed-exitcode", "sites"])
        #expect(plan.exitCode == 0, "\(plan.stdout)\(plan.stderr)")
        #expect(plan.stdout.contains("No changes"))
        let again = try await BinaryRunner.run(["apply", "sites", "--sandbox", "--auto-approve"], in: workspace.root,
                                         environment: ["ZTAHOOKS_SECRETS_KEY": key])
        #expect(again.exitCode == 0 && !again.stderr.contains("note: sealed"), "\(again.stderr)")
        // Nothing to change, nothing rewritten: no fresh nonces in a committed file.
        #expect(try text(workspace) == file)
    }

    @Test func withoutTheKeyOrWithAnotherApplyIsRefusedAndNothingChanges() async throws {
        let key = try await Self.keygen()
        let workspace = try await Self.sealedWorkspace(key: key)
        defer { workspace.remove() }
        try workspace.write("sites/blog.yaml", "site: site_blog\nwebhooks:\n  - name: more\n    url: https://hooks.example.com/more\n    events: [goal]\n")
        let secrets = try workspace.read(Self.secretsPath)
        let live = try workspace.read(".ztahooks/sandbox.json")

        let keyless = try await BinaryRunner.run(["apply", "sites", "--sandbox", "--auto-approve"], in: workspace.root)
        #expect(keyless.exitCode == 1)
        #expect(keyless.stderr.contains("ZTAHOOKS_SECRETS_KEY") && keyless.stderr.contains("--secrets-key-file"), "\(keyless.stderr)")

        let other = try await Self.keygen()
        let wrong = try await BinaryRunner.run(["apply", "sites", "--sandbox", "--auto-approve"], in: workspace.root,
                                         environment: ["ZTAHOOKS_SECRETS_KEY": other])
        #expect(wrong.exitCode == 1)
        #expect(wrong.stderr.contains("is sealed with key \(try SecretsKey(base64: key).id), and ZTAHOOKS_SECRETS_KEY is key \(try SecretsKey(base64: other).id)"),
                "\(wrong.stderr)")

        let rotate = try await BinaryRunner.run(["rotate", "site_shop/ops-alerts", "--path", "sites", "--sandbox", "--auto-approve"], in: workspace.root)
        #expect(rotate.exitCode == 1, "\(rotate.stderr)")

        #expect(try workspace.read(Self.secretsPath) == secrets)
        #expect(try workspace.read(".ztahooks/sandbox.json") == live)
        // Planning still works: the change is shown, the secrets stay sealed.
        let plan = try await workspace.plan(["--sandbox", "--detailed-exitcode", "sites"])
        #expect(plan.exitCode == 2, "\(plan.stderr)")
    }

    @Test(arguments: ["short", "not base64 at all!"])
    func aKeyThatIsNotAKeyIsBadUsage(_ text: String) async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try await BinaryRunner.run(["apply", "sites", "--sandbox", "--auto-approve"], in: workspace.root,
                                          environment: ["ZTAHOOKS_SECRETS_KEY": text])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("ztahooks secrets keygen"))
        #expect(!result.stderr.contains(text))
    }

    @Test func aKeyFileOpenToOthersIsWarnedAbout() async throws {
        let key = try await Self.keygen()
        let workspace = try await Self.sealedWorkspace(key: key)
        defer { workspace.remove() }
        try workspace.write("key", key + "\n")
        let keyFile = workspace.root.appendingPathComponent("key").path
        chmod(keyFile, 0o644)
        let show = try await BinaryRunner.run(["secrets", "show", "site_shop/ops-alerts", "--reveal", "--sandbox", "--secrets-key-file", "key"],
                                        in: workspace.root)
        #expect(show.exitCode == 0, "\(show.stderr)")
        #expect(show.stdout == "whsec_known_alerts\n")
        #expect(show.stderr.contains("can be read by other users") && !show.stderr.contains(key))
    }

    @Test func rekeySealsUnderTheNewKeyAndTheOldOneNoLongerOpens() async throws {
        let key = try await Self.keygen()
        let workspace = try await Self.sealedWorkspace(key: key)
        defer { workspace.remove() }
        let newKey = try await Self.keygen()
        try workspace.write("new.key", newKey + "\n")
        chmod(workspace.root.appendingPathComponent("new.key").path, 0o600)

        let rekey = try await BinaryRunner.run(["secrets", "rekey", "--sandbox", "--new-key-file", "new.key"], in: workspace.root,
                                         environment: ["ZTAHOOKS_SECRETS_KEY": key])
        #expect(rekey.exitCode == 0, "\(rekey.stderr)")
        #expect(!rekey.stdout.contains(newKey) && !rekey.stdout.contains(key))
        #expect(try text(workspace).contains(#""keyId": "\#(try SecretsKey(base64: newKey).id)""#))

        let reveal = ["secrets", "show", "site_shop/ops-alerts", "--reveal", "--sandbox"]
        let withNew = try await BinaryRunner.run(reveal, in: workspace.root, environment: ["ZTAHOOKS_SECRETS_KEY": newKey])
        #expect(withNew.stdout == "whsec_known_alerts\n", "\(withNew.stderr)")
        let withOld = try await BinaryRunner.run(reveal, in: workspace.root, environment: ["ZTAHOOKS_SECRETS_KEY": key])
        #expect(withOld.exitCode == 1 && withOld.stdout.isEmpty)

        // A rekey with the wrong current key changes nothing.
        let before = try workspace.read(Self.secretsPath)
        let wrong = try await BinaryRunner.run(["secrets", "rekey", "--sandbox"], in: workspace.root,
                                         environment: ["ZTAHOOKS_SECRETS_KEY": key, "ZTAHOOKS_NEW_SECRETS_KEY": try Self.keygen()])
        #expect(wrong.exitCode == 1, "\(wrong.stderr)")
        #expect(try workspace.read(Self.secretsPath) == before)
    }

    @Test func listAndShowNeverPrintASecretAndWorkWithoutTheKey() async throws {
        let key = try await Self.keygen()
        let workspace = try await Self.sealedWorkspace(key: key)
        defer { workspace.remove() }
        let list = try await BinaryRunner.run(["secrets", "list", "--sandbox"], in: workspace.root)
        #expect(list.exitCode == 0, "\(list.stderr)")
        #expect(list.stdout.contains("HANDED OFF") && list.stdout.contains("ops-alerts") && list.stdout.contains("sealed"))
        #expect(!list.stdout.contains("whsec_"))

        let json = try await BinaryRunner.run(["secrets", "list", "--sandbox", "--format", "json"], in: workspace.root)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let rows = try #require(decoded?["webhooks"] as? [[String: Any]])
        #expect(rows.count == 4)
        #expect(rows.allSatisfy { $0["secret"] as? String == "sealed" && $0["handedOff"] is NSNull })
        #expect(!json.stdout.contains("whsec_"))

        let show = try await BinaryRunner.run(["secrets", "show", "site_shop/ops-alerts", "--sandbox"], in: workspace.root)
        #expect(show.exitCode == 0)
        #expect(show.stdout.contains("wh_alerts") && show.stdout.contains("secret:      sealed") && !show.stdout.contains("whsec_"))
        let keyless = try await BinaryRunner.run(["secrets", "show", "site_shop/ops-alerts", "--reveal", "--sandbox"], in: workspace.root)
        #expect(keyless.exitCode == 1 && keyless.stdout.isEmpty)
        #expect(keyless.stderr.contains("ZTAHOOKS_SECRETS_KEY"))
        let missing = try await BinaryRunner.run(["secrets", "show", "site_shop/nothing", "--sandbox"], in: workspace.root)
        #expect(missing.exitCode == 1)
    }

    @Test func showRevealWarnsInCI() async throws {
        let key = try await Self.keygen()
        let workspace = try await Self.sealedWorkspace(key: key)
        defer { workspace.remove() }
        let reveal = ["secrets", "show", "site_shop/ops-alerts", "--reveal", "--sandbox"]
        let ci = try await BinaryRunner.run(reveal, in: workspace.root, environment: ["ZTAHOOKS_SECRETS_KEY": key, "CI": "true"])
        #expect(ci.stdout == "whsec_known_alerts\n")
        #expect(ci.stderr.contains("warning: CI is set"))
        let other = try await BinaryRunner.run(reveal, in: workspace.root, environment: ["ZTAHOOKS_SECRETS_KEY": key, "CI": "1"])
        #expect(other.stderr.contains("warning: CI is set"))
        let person = try await BinaryRunner.run(reveal, in: workspace.root, environment: ["ZTAHOOKS_SECRETS_KEY": key, "CI": "false"])
        #expect(person.stdout == "whsec_known_alerts\n" && person.stderr.isEmpty)
    }

    @Test func exportWritesA0600FileAndNeverOverwritesOrFollowsALinkWithoutForce() async throws {
        let key = try await Self.keygen()
        let workspace = try await Self.sealedWorkspace(key: key)
        defer { workspace.remove() }
        let env = ["ZTAHOOKS_SECRETS_KEY": key]
        let export = ["secrets", "export", "site_shop/ops-alerts", "--sandbox", "--to"]
        let written = try await BinaryRunner.run(export + ["out.secret"], in: workspace.root, environment: env)
        #expect(written.exitCode == 0, "\(written.stderr)")
        #expect(!written.stdout.contains("whsec_") && !written.stderr.contains("whsec_"))
        let out = workspace.root.appendingPathComponent("out.secret").path
        #expect(String(decoding: try workspace.read("out.secret"), as: UTF8.self) == "whsec_known_alerts")
        #expect((try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? NSNumber)?.intValue == 0o600)

        let again = try await BinaryRunner.run(export + ["out.secret"], in: workspace.root, environment: env)
        #expect(again.exitCode == 3)
        let target = workspace.root.appendingPathComponent("target").path
        try FileManager.default.createSymbolicLink(atPath: workspace.root.appendingPathComponent("link").path, withDestinationPath: target)
        let link = try await BinaryRunner.run(export + ["link"], in: workspace.root, environment: env)
        #expect(link.exitCode == 3)
        #expect(!FileManager.default.fileExists(atPath: target))

        let forced = try await BinaryRunner.run(export + ["link", "--force"], in: workspace.root, environment: env)
        #expect(forced.exitCode == 0, "\(forced.stderr)")
        // The link itself was replaced by the file; its target was never written.
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: workspace.root.appendingPathComponent("link").path)) == nil)
    }

    @Test func anAmbiguousNameIsRefusedAndAnIdNamesOneEntry() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write(Self.secretsPath, """
            {"version": 1, "webhooks": [
              {"siteId": "site_shop", "name": "dup", "id": "wh_old", "url": "https://hooks.example.com/d", "events": ["alert"],
               "secret": "whsec_old"},
              {"siteId": "site_shop", "name": "dup", "id": "wh_new", "url": "https://hooks.example.com/d", "events": ["alert"],
               "secret": "whsec_new"},
              {"siteId": "site_shop", "name": "adopted", "id": "wh_adopted", "url": "https://hooks.example.com/a", "events": ["alert"],
               "secret": null, "adopted": true}
            ]}

            """)
        let ambiguous = try await BinaryRunner.run(["secrets", "show", "site_shop/dup", "--reveal", "--sandbox"], in: workspace.root)
        #expect(ambiguous.exitCode == 1 && ambiguous.stdout.isEmpty)
        #expect(ambiguous.stderr.contains("names 2 entries (wh_old, wh_new)") || ambiguous.stderr.contains("names 2 entries (wh_new, wh_old)"),
                "\(ambiguous.stderr)")
        let byId = try await BinaryRunner.run(["secrets", "show", "site_shop/wh_new", "--reveal", "--sandbox"], in: workspace.root)
        #expect(byId.stdout == "whsec_new\n", "\(byId.stderr)")
        let adopted = try await BinaryRunner.run(["secrets", "show", "site_shop/adopted", "--reveal", "--sandbox"], in: workspace.root)
        #expect(adopted.exitCode == 1 && adopted.stderr.contains("was adopted by import"))
        let list = try await BinaryRunner.run(["secrets", "list", "--sandbox"], in: workspace.root)
        #expect(list.stdout.contains("plain") && list.stdout.contains("none") && !list.stdout.contains("whsec_"))
    }
}
