import Foundation
import Testing
import ZTAHooksCore

/// `ztahooks verify` through the binary. Signatures were computed apart from this code, with
/// Python's `hmac` module.
struct VerifyCommandTests {
    static let body = #"{"event":"alert","timestamp":"2024-12-12T16:30:00.000Z","data":{"siteId":"site_abc123","alertId":"alert_abc123","alertName":"Traffic Spike","condition":"pageviews > 1000","currentValue":1543,"threshold":1000}}"#
    /// `body` signed with `whsec_xyz789`.
    static let digest = "9abffb8c6fb2b2027d97ce2d293eabdfd021744c2c42587e5c6e6b4e801355ff"
    static let signature = "sha256=" + digest

    static let secretsFile = #"""
        {"version": 1, "webhooks": [
          {"siteId": "site_abc123", "name": "ops", "id": "wh_abc123", "url": "https://hooks.example.com/a",
           "events": ["alert"], "secret": "whsec_xyz789", "createdAt": "2024-12-12T16:00:00.000Z"},
          {"siteId": "site_abc123", "name": "old", "id": "wh_adopted", "url": "https://hooks.example.com/b",
           "events": ["alert"], "secret": null, "adopted": true}
        ]}
        """#

    /// A directory with `.ztahooks/secrets.json` and `body.json`.
    private func workspace() async throws -> URL {
        let root = try BinaryRunner.temporaryDirectory()
        try BinaryRunner.write(Self.secretsFile, to: ".ztahooks/secrets.json", under: root)
        try BinaryRunner.write(Self.body, to: "body.json", under: root)
        return root
    }

    /// Runs `ztahooks verify args...` and checks what must hold for every run: no secret and no
    /// expected digest in the output.
    private func verify(_ args: [String], in root: URL, environment: [String: String] = [:], stdin: String = "",
                        sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws -> BinaryRunner.Result {
        let result = try await BinaryRunner.run(["verify"] + args, in: root, environment: environment, stdin: stdin, timeLimit: .seconds(60))
        for output in [result.stdout, result.stderr] {
            #expect(!output.contains("whsec_"), "a secret was printed: \(output)", sourceLocation: sourceLocation)
            #expect(!output.contains(Self.digest) || args.contains(Self.signature), sourceLocation: sourceLocation)
        }
        return result
    }

    /// A retired webhook's secret verifies for `--retired-grace` after its `retiredAt`, and is
    /// refused with when and why after that.
    @Test func aRetiredWebhookVerifiesWithinItsGraceOnly() async throws {
        let root = try await workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let now = Date()
        func file(retiredAt: Date) -> String {
            Self.secretsFile.replacingOccurrences(of: #"{"version": 1, "webhooks": ["#, with: #"""
                {"version": 1, "retired": [{"siteId": "site_abc123", "name": "ops", "id": "wh_retired", "url": "https://hooks.example.com/a",
                 "events": ["alert"], "secret": "whsec_xyz789", "retiredAt": "\#(Timestamp.format(retiredAt))", "reason": "replaced by wh_new"}],
                 "webhooks": [
                """#)
        }
        try BinaryRunner.write(file(retiredAt: now.addingTimeInterval(-60)), to: ".ztahooks/secrets.json", under: root)
        let recent = try await verify(["--signature", Self.signature, "--webhook-id", "wh_retired", "--body", "body.json"], in: root)
        #expect(recent.exitCode == 0, "\(recent.stdout)\(recent.stderr)")
        #expect(recent.stdout.contains("valid: the signature matches the body and the secret of webhook wh_retired (retired "))
        #expect(recent.stdout.contains(": replaced by wh_new)"))

        try BinaryRunner.write(file(retiredAt: now.addingTimeInterval(-3600)), to: ".ztahooks/secrets.json", under: root)
        let old = try await verify(["--signature", Self.signature, "--webhook-id", "wh_retired", "--body", "body.json", "--format", "json"], in: root)
        #expect(old.exitCode == 1)
        #expect(old.stdout.contains(#""result":"retired""#))
        #expect(old.stdout.contains("longer ago than --retired-grace 10m"))
        let longer = try await verify(["--signature", Self.signature, "--webhook-id", "wh_retired", "--body", "body.json", "--retired-grace", "2h"], in: root)
        #expect(longer.exitCode == 0)
    }

    @Test func aDirectoryGivenAsTheBodyIsNamedAsADirectory() async throws {
        let root = try await workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try await verify(["--signature", Self.signature, "--webhook-id", "wh_abc123", "--body", "."], in: root)
        #expect(result.exitCode == 1)
        #expect(result.stderr == "error: cannot read .: it is a directory; give the file that holds the delivery's raw body\n")
    }

    @Test func aValidDeliveryFromTheSecretsFile() async throws {
        let root = try await workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try await verify(["--webhook-id", "wh_abc123", "--signature", Self.signature, "--body", "body.json"], in: root)
        #expect(result.exitCode == 0)
        #expect(result.stdout == "valid: the signature matches the body and the secret of webhook wh_abc123\n")
        #expect(result.stderr == "")
    }

    @Test func aValidDeliveryOnStandardInputWithTheSecretInTheEnvironment() async throws {
        let root = try await workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try await verify(["--secret-env", "HOOK_SECRET", "--signature", Self.signature.uppercased().replacingOccurrences(of: "SHA256=", with: "sha256=")],
                                in: root, environment: ["HOOK_SECRET": "whsec_xyz789"], stdin: Self.body)
        #expect(result.exitCode == 0)
        #expect(result.stdout == "valid: the signature matches the body and the secret in $HOOK_SECRET\n")
    }

    @Test func rawBytesAreVerifiedAsTheyAre() async throws {
        let root = try await workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data([0xFF, 0xFE, 0x00, 0x7B, 0x0A]).write(to: root.appendingPathComponent("binary"))
        let result = try await verify(["--webhook-id", "wh_abc123", "--body", "binary",
                                 "--signature", "sha256=11b4c51c25114db8c261cc46ebf1aed82f179df9052ff2ed6f4c232aea3f81bb"], in: root)
        #expect(result.exitCode == 0)
    }

    @Test func aTamperedBodyIsAMismatch() async throws {
        let root = try await workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try await verify(["--webhook-id", "wh_abc123", "--signature", Self.signature], in: root,
                                stdin: Self.body.replacingOccurrences(of: "1543", with: "1544"))
        #expect(result.exitCode == 1)
        #expect(result.stdout == "invalid: signature does not match the body and the secret\n")
        #expect(result.stderr == "")
    }

    @Test func aWrongSecretIsAMismatch() async throws {
        let root = try await workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try await verify(["--secret-env", "S", "--signature", Self.signature, "--body", "body.json"], in: root,
                                environment: ["S": "xyz789"])
        #expect(result.exitCode == 1)
        #expect(result.stdout == "invalid: signature does not match the body and the secret\n")
    }

    @Test(arguments: [digest, "sha1=7e8e32729b32c9efe0850253ac76d9079e8a842f", "sha256=" + digest.dropLast(), "sha256=" + digest.dropLast() + "z", ""])
    func aMalformedHeaderIsSaidToBeMalformed(signature: String) async throws {
        let root = try await workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try await verify(["--webhook-id", "wh_abc123", "--signature", signature, "--body", "body.json"], in: root)
        #expect(result.exitCode == 1)
        #expect(result.stdout == "invalid: malformed X-ZTA-Signature header: expected sha256= and 64 hex digits\n")
    }

    @Test func anUnknownOrAdoptedWebhookHasNoSecret() async throws {
        let root = try await workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let unknown = try await verify(["--webhook-id", "wh_nope", "--signature", Self.signature, "--body", "body.json"], in: root)
        #expect(unknown.exitCode == 1)
        #expect(unknown.stdout == "invalid: no secret known for webhook wh_nope: the secrets file .ztahooks/secrets.json has no such webhook\n")
        let elsewhere = try await verify(["--webhook-id", "wh_abc123", "--signature", Self.signature, "--body", "body.json",
                                    "--secrets-file", "nowhere.json"], in: root)
        #expect(elsewhere.exitCode == 1)
        #expect(elsewhere.stdout == "invalid: no secret known for webhook wh_abc123: there is no secrets file at nowhere.json "
            + "(choose it with --secrets-file or ZTA_SECRETS_FILE)\n")
        let adopted = try await verify(["--webhook-id", "wh_adopted", "--signature", Self.signature, "--body", "body.json"], in: root)
        #expect(adopted.exitCode == 1)
        #expect(adopted.stdout.hasPrefix("invalid: no secret known for webhook wh_adopted: it was adopted by import"))
    }

    @Test func aSealedSecretIsOpenedWithTheKeyAndNamedWithoutIt() async throws {
        let root = try await workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let key = SecretsKey.generate()
        let file = root.appendingPathComponent(".ztahooks/secrets.json").path
        #expect(try await SecretsStore.rekey(path: file, from: nil, to: key) == 1)
        #expect(!(try String(contentsOfFile: file, encoding: .utf8)).contains("whsec_"))
        let args = ["--webhook-id", "wh_abc123", "--signature", Self.signature, "--body", "body.json"]

        let opened = try await verify(args, in: root, environment: ["ZTAHOOKS_SECRETS_KEY": key.base64])
        #expect(opened.exitCode == 0)
        #expect(opened.stdout.hasPrefix("valid: "))

        let keyless = try await verify(args, in: root)
        #expect(keyless.exitCode == 1)
        #expect(keyless.stdout == "")
        #expect(keyless.stderr.contains("is sealed") && keyless.stderr.contains("ZTAHOOKS_SECRETS_KEY"))

        let wrong = try await verify(args, in: root, environment: ["ZTAHOOKS_SECRETS_KEY": SecretsKey.generate().base64])
        #expect(wrong.exitCode == 1)
        #expect(wrong.stdout == "")
    }

    @Test func aHostileWebhookIDIsShownEscaped() async throws {
        let root = try await workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try await verify(["--webhook-id", "wh_\u{1B}[2Jx", "--signature", Self.signature, "--body", "body.json"], in: root)
        #expect(result.exitCode == 1)
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(result.stdout.contains(#"wh_\u001b[2Jx"#))
    }

    @Test func aWebhookOnlyInTheJournalOfARunningApplyIsKnown() async throws {
        let root = try await workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try SecretsStore.open(path: root.appendingPathComponent(".ztahooks/secrets.json").path)
        let entry = SecretEntry(siteId: "site_abc123", name: "new", id: "wh_journal", url: "https://hooks.example.com/c",
                                events: ["alert"], secret: "whsec_journal1", createdAt: "2024-12-12T16:00:00.000Z")
        try await store.recordIntent(CreateIntent(intentId: "i1", siteId: entry.siteId, name: entry.name, url: entry.url,
                                                  events: entry.events, startedAt: "2024-12-12T16:00:00.000Z"))
        try await store.recordCreated(entry, intentId: "i1")
        let result = try await verify(["--webhook-id", "wh_journal", "--body", "body.json",
                                 "--signature", "sha256=af8ac160614c692dc06ff2447157954728b54961ccd873e33754127feffa7248"], in: root)
        #expect(result.exitCode == 0)
        #expect(result.stdout == "valid: the signature matches the body and the secret of webhook wh_journal\n")
        try await store.close()
    }

    @Test func jsonOutput() async throws {
        let root = try await workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let valid = try await verify(["--webhook-id", "wh_abc123", "--signature", Self.signature, "--body", "body.json", "--format", "json"], in: root)
        #expect(valid.exitCode == 0)
        #expect(valid.stdout == #"{"message":"the signature matches the body and the secret of webhook wh_abc123","result":"valid","valid":true}"# + "\n")
        let invalid = try await verify(["--webhook-id", "wh_abc123", "--signature", "nope", "--body", "body.json", "--format", "json"], in: root)
        #expect(invalid.exitCode == 1)
        #expect(invalid.stdout.contains(#""result":"malformedHeader","valid":false}"#))
    }

    @Test func anUnsetOrEmptyVariableIsAnErrorNamingIt() async throws {
        let root = try await workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let unset = try await verify(["--secret-env", "HOOK_SECRET", "--signature", Self.signature, "--body", "body.json"], in: root)
        #expect(unset.exitCode == 1)
        #expect(unset.stdout == "")
        #expect(unset.stderr == "error: the environment variable HOOK_SECRET named by --secret-env is not set\n")
        let empty = try await verify(["--secret-env", "HOOK_SECRET", "--signature", Self.signature, "--body", "body.json"], in: root,
                               environment: ["HOOK_SECRET": ""])
        #expect(empty.exitCode == 1)
        #expect(empty.stderr == "error: the environment variable HOOK_SECRET named by --secret-env is empty\n")
    }

    @Test func aBodyOverOneMegabyteIsRefused() async throws {
        let root = try await workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let atLimit = String(repeating: "a", count: 1_048_576)
        try BinaryRunner.write(atLimit, to: "limit", under: root)
        try BinaryRunner.write(atLimit + "a", to: "over", under: root)
        let accepted = try await verify(["--webhook-id", "wh_abc123", "--body", "limit",
                                   "--signature", "sha256=540c9b4f8e8bedd41db0a0ead5f05c4a83659aae096af494be7eb4429b2de856"], in: root)
        #expect(accepted.exitCode == 0)
        let file = try await verify(["--webhook-id", "wh_abc123", "--signature", Self.signature, "--body", "over"], in: root)
        #expect(file.exitCode == 1)
        #expect(file.stdout == "")
        #expect(file.stderr == "error: over is larger than 1 MB (1048576 bytes), the API's payload limit; no delivery is that large\n")
        let piped = try await verify(["--webhook-id", "wh_abc123", "--signature", Self.signature], in: root, stdin: atLimit + "a")
        #expect(piped.exitCode == 1)
        #expect(piped.stderr.hasPrefix("error: standard input is larger than 1 MB"))
    }

    @Test func unreadableInputsAreErrors() async throws {
        let root = try await workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let noBody = try await verify(["--webhook-id", "wh_abc123", "--signature", Self.signature, "--body", "missing.json"], in: root)
        #expect(noBody.exitCode == 1)
        #expect(noBody.stderr == "error: cannot read missing.json: no such file\n")
        try BinaryRunner.write(#"{"version": 1, "webhooks": [{"id": 3, "secret": "whsec_leaked"}]}"#, to: ".ztahooks/secrets.json", under: root)
        let damaged = try await verify(["--webhook-id", "wh_abc123", "--signature", Self.signature, "--body", "body.json"], in: root)
        #expect(damaged.exitCode == 1)
        #expect(damaged.stderr.hasPrefix("error: "))
        #expect(damaged.stdout == "")
    }

    @Test(arguments: [
        ["--webhook-id", "wh_abc123", "--body", "body.json"],                                         // no --signature
        ["--signature", signature, "--body", "body.json"],                                            // no secret source
        ["--signature", signature, "--webhook-id", "wh_abc123", "--secret-env", "S", "--body", "body.json"], // both
    ])
    func usageErrorsExit64(args: [String]) async throws {
        let root = try await workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try await verify(args, in: root, environment: ["S": "whsec_xyz789"])
        #expect(result.exitCode == 64)
        #expect(result.stdout == "")
        #expect(result.stderr.contains("Error:") || result.stderr.contains("error:"))
    }
}
