import Foundation
import Testing
import ZTAHooksCore

/// `--on-secret` and `--on-delete` end to end: the built binary on the sandbox, with small shell
/// scripts as sinks that keep one 0600 file per webhook id, as a receiver's store would.
struct SecretSinkCommandTests {
    struct Workspace {
        let root: URL

        static let site = """
            site: site_shop
            webhooks:
              - name: alerts
                url: https://hooks.example.com/zta/alerts
                events: [alert]

            """

        /// Stores stdin as store/<id> (0600), says what it was given, and echoes the secret back:
        /// ztahooks must scrub it. Fails once when `fail-once` exists; hangs while `hang` exists.
        static let sink = """
            #!/bin/sh
            if [ -e hang ]; then echo $$ > sink.pid; rm -f hang; exec sleep 60; fi
            if [ -e fail-once ]; then rm -f fail-once; echo "vault unreachable" >&2; exit 3; fi
            umask 077
            mkdir -p store
            cat > "store/$ZTA_WEBHOOK_ID.tmp" && mv "store/$ZTA_WEBHOOK_ID.tmp" "store/$ZTA_WEBHOOK_ID"
            echo "stored site=$ZTA_SITE_ID name=$ZTA_WEBHOOK_NAME url=$ZTA_WEBHOOK_URL events=$ZTA_WEBHOOK_EVENTS token=${ZTA_API_TOKEN:-absent}"
            echo "echo: $(cat "store/$ZTA_WEBHOOK_ID")"

            """

        static let forget = """
            #!/bin/sh
            echo "forgetting $ZTA_WEBHOOK_ID"
            rm -f "store/$ZTA_WEBHOOK_ID"

            """

        init() throws {
            root = try BinaryRunner.temporaryDirectory()
            try BinaryRunner.write(Self.site, to: "sites/shop.yaml", under: root)
            for (name, text) in [("sink.sh", Self.sink), ("forget.sh", Self.forget)] {
                try BinaryRunner.write(text, to: name, under: root)
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path(name))
            }
        }

        func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

        func touch(_ name: String) throws { try BinaryRunner.write("", to: name, under: root) }

        /// The sinks' store: webhook id to secret.
        func store() throws -> [String: String] {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: path("store"))) ?? []
            return try Dictionary(uniqueKeysWithValues: files.map { ($0, try String(contentsOfFile: path("store/\($0)"), encoding: .utf8)) })
        }

        /// The emulator's live webhooks, id to secret (a killed run leaves its last changes in the state file's log).
        func live() throws -> [String: String] {
            try SandboxStateFile.secrets(under: root)
        }

        func secrets() throws -> SecretsSnapshot {
            try SecretsStore.read(path: path(".ztahooks/sandbox-secrets.json"))
        }

        func run(_ args: [String], sinks: Bool = true) async throws -> BinaryRunner.Result {
            let flags = sinks ? ["--auto-approve", "--on-secret", "./sink.sh", "--on-delete", "./forget.sh"] : []
            let result = try await BinaryRunner.run(args + ["--sandbox"] + flags, in: root,
                                              environment: ["ZTA_API_TOKEN": "zta_token_never_shown"], timeLimit: .seconds(60))
            #expect(!result.stdout.contains("whsec_") && !result.stderr.contains("whsec_"), "a secret was printed: \(result.stderr)")
            #expect(!result.stderr.contains("zta_token_never_shown"))
            return result
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    @Test func aCreateHandsTheSecretToTheSinkWhoseOutputIsScrubbedAndWhichNeverSeesTheToken() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try await workspace.run(["apply", "sites"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let live = try workspace.live()
        #expect(try workspace.store() == live)
        let id = try #require(live.keys.first)
        #expect(try workspace.secrets().entry(id: id)?.secret == live[id])
        #expect(try workspace.secrets().entry(id: id)?.handedOff == nil)
        let mode = try FileManager.default.attributesOfItem(atPath: workspace.path("store/\(id)"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(result.stderr.contains(
            "--on-secret site_shop/alerts: stored site=site_shop name=alerts url=https://hooks.example.com/zta/alerts events=alert token=absent"))
        #expect(result.stderr.contains("--on-secret site_shop/alerts: echo: [secret]"))
    }

    @Test func aRotationWithASinkSaysTheSecretWentToItNotThatReceiversNeedIt() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        #expect(try await workspace.run(["apply", "sites"]).exitCode == 0)
        let rotate = try await workspace.run(["rotate", "site_shop/alerts", "--path", "sites"])
        #expect(rotate.exitCode == 0, "\(rotate.stderr)")
        #expect(rotate.stdout.contains("The new secrets of site_shop/alerts (https://hooks.example.com/zta/alerts) went to --on-secret"), "\(rotate.stdout)")
        #expect(!rotate.stdout.contains("need the new secret"))
    }

    @Test func aSinkThatFailsFirstKeepsBothWebhooksAndTheNextApplyHandsOffThenDeletesTheOld() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        #expect(try await workspace.run(["apply", "sites"]).exitCode == 0)
        let old = try #require(try workspace.live().keys.first)
        try workspace.touch("fail-once")

        let rotate = try await workspace.run(["rotate", "site_shop/alerts", "--path", "sites"])
        #expect(rotate.exitCode == 1)
        #expect(rotate.stderr.contains("--on-secret site_shop/alerts: vault unreachable"))
        #expect(rotate.stderr.contains("but --on-secret failed: `./sink.sh` exited with status 3; \(old) stays live beside it"))
        let both = try workspace.live()
        #expect(both.count == 2)
        let new = try #require(both.keys.first { $0 != old })
        // Both verifiable: the receivers' store still has the old secret, the secrets file both.
        #expect(try workspace.store() == [old: both[old]!])
        #expect(try workspace.secrets().entry(id: new)?.awaitsHandOff == true)

        let drift = try await workspace.run(["drift", "sites"], sinks: false)
        #expect(drift.stdout.contains("health      not-handed-off  alerts (\(new))"), "\(drift.stdout)")
        let plan = try await workspace.run(["plan", "sites"], sinks: false)
        #expect(plan.stdout.contains("- delete  alerts (\(old))"), "\(plan.stdout)")

        let apply = try await workspace.run(["apply", "sites"])
        #expect(apply.exitCode == 0, "\(apply.stderr)")
        #expect(apply.stdout.contains("handed the pending secret of \(new) to --on-secret"))
        #expect(apply.stderr.contains("--on-delete site_shop/alerts: forgetting \(old)"))
        #expect(try workspace.live() == [new: both[new]!])
        #expect(try workspace.store() == [new: both[new]!])
        #expect(try workspace.secrets().entries.map(\.id) == [new])
        #expect(try workspace.secrets().entry(id: new)?.handedOff == nil)
    }

    @Test func aKillWhileTheSinkRunsConvergesOnTheNextApply() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        #expect(try await workspace.run(["apply", "sites"]).exitCode == 0)
        let old = try #require(try workspace.live().keys.first)
        try workspace.touch("hang")
        let rotate = try BackgroundProcess(
            ["rotate", "site_shop/alerts", "--path", "sites", "--sandbox", "--auto-approve", "--on-secret", "./sink.sh"],
            in: workspace.root)
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: workspace.path("sink.pid")) && Date() < deadline { try await Task.sleep(for: .microseconds(20_000)) }
        rotate.signal(SIGKILL)
        let killed = Date()
        _ = await rotate.wait()
        // The sink inherited none of ztahooks' descriptors, so its output pipes closed with it.
        #expect(Date().timeIntervalSince(killed) < 20)
        // The sink runs in a process group of its own, so it outlives a SIGKILL of ztahooks.
        if let pid = Int32((try? String(contentsOfFile: workspace.path("sink.pid"), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "") {
            kill(pid, SIGKILL)
        }
        #expect(try workspace.live().count == 2)

        let apply = try await workspace.run(["apply", "sites"])
        #expect(apply.exitCode == 0, "\(apply.stderr)")
        let live = try workspace.live()
        #expect(live.count == 1 && live[old] == nil)
        #expect(try workspace.store() == live)
        #expect(try workspace.secrets().entries.map(\.id) == Array(live.keys))
    }

    @Test func aStopThatOutlastsItsGraceKillsTheRunningSinkAndLeavesTheEntryPending() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.touch("hang")
        let apply = try BackgroundProcess(["apply", "sites", "--sandbox", "--auto-approve", "--on-secret", "./sink.sh"],
                                          in: workspace.root, environment: ["ZTAHOOKS_STOP_GRACE_SECONDS": "1"])
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: workspace.path("sink.pid")) && Date() < deadline { try await Task.sleep(for: .microseconds(20_000)) }
        apply.signal(SIGTERM)
        #expect(await apply.wait() == 143)
        let pid = try #require(Int32(try String(contentsOfFile: workspace.path("sink.pid"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        try await Task.sleep(for: .microseconds(200_000))
        let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?.split(separator: " ").dropFirst(2).first
        #expect(state == nil || state == "Z", "the sink still runs after apply stopped")
        #expect(apply.stderr.contains("Stopping now (requests still in flight after 1 s)"), "\(apply.stderr)")
        #expect(try workspace.secrets().entries.first?.awaitsHandOff == true)
    }

    @Test func aSinkThatOutlivesTheTimeoutIsKilledWithItsProcessGroup() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        // The time limit stops the test well before the sink's 60 s; the message says it was the timeout.
        let result = try await BinaryRunner.run(
            ["apply", "sites", "--sandbox", "--auto-approve", "--sink-timeout", "1s",
             "--on-secret", "sh -c 'sleep 60 & echo $! > child.pid; wait'"],
            in: workspace.root, timeLimit: .seconds(50))
        #expect(!result.timedOut)
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("but --on-secret failed: `sh` did not finish within 1s and was killed with its process group (--sink-timeout)"),
                "\(result.stderr)")
        let child = try #require(Int32(try String(contentsOfFile: workspace.path("child.pid"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        // Gone, or a zombie waiting to be reaped: not sleeping any more.
        let state = (try? String(contentsOfFile: "/proc/\(child)/stat", encoding: .utf8))?.split(separator: " ").dropFirst(2).first
        #expect(state == nil || state == "Z", "the sink's child still runs: \(state ?? "")")
        #expect(try workspace.secrets().entries.first?.awaitsHandOff == true)
    }

    @Test func theProjectFilesSinksAreNotUsedWithTheSandbox() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try BinaryRunner.write("paths: [sites]\nonSecret: [./sink.sh]\n", to: "ztahooks.yaml", under: workspace.root)
        let result = try await BinaryRunner.run(["apply", "--sandbox", "--auto-approve"], in: workspace.root)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(try workspace.live().count == 1)
        #expect(try workspace.store().isEmpty)
        #expect(try workspace.secrets().entries.first?.handedOff == nil)
    }

    @Test func aCommandThatCannotBeSplitIsRefusedBeforeAnythingRuns() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try await BinaryRunner.run(["apply", "sites", "--sandbox", "--auto-approve", "--on-secret", "sh -c 'echo"], in: workspace.root)
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("--on-secret: the command has an unclosed '"))
        #expect(!FileManager.default.fileExists(atPath: workspace.path(".ztahooks/sandbox.json")))
    }
}
