import Foundation
import TestSupport
import Testing
import ZTAHooksCore

/// The secrets file's custody through the binary: exit statuses that tell the truth, one lock per
/// real file, empty and damaged files.
struct SecretsCustodyCommandTests {
    typealias Workspace = PlanCommandTests.Workspace

    private static let oneSite = """
        site: site_one
        webhooks:
          - name: only
            url: https://hooks.example.com/one
            events: [alert]

        """

    /// Whether this machine lets a test mount a small file system of its own (root, mount namespaces).
    static let canMountTmpfs: Bool = {
        guard let result = try? shellNow("unshare -m sh -c 'd=$(mktemp -d) && mount -t tmpfs -o size=8k tmpfs \"$d\" && umount \"$d\"; s=$?; rmdir \"$d\"; exit $s'") else { return false }
        return result == 0
    }()

    @discardableResult
    /// A shell command, awaited off the cooperative pool.
    static func shell(_ command: String, in directory: URL? = nil) async throws -> Int32 {
        try await ChildProcess.run(URL(fileURLWithPath: "/bin/sh"), ["-c", command], in: directory).status
    }

    /// The same, blocking: only for the one probe above, made once before any test runs.
    private static func shellNow(_ command: String, in directory: URL? = nil) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test(.enabled(if: canMountTmpfs, "needs root and mount namespaces, to fill a disk at the final fold"))
    func aFinalFoldOnAFullDiskExitsNonZeroAndSaysWhereTheSecretsAre() async throws {
        let workspace = try Workspace(shop: Self.oneSite, blog: "site: site_two\nwebhooks: []\n")
        defer { workspace.remove() }
        try FileManager.default.removeItem(at: workspace.root.appendingPathComponent("sites/blog.yaml"))
        let disk = workspace.root.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        // Three pages: the file (bound to its API when the run opens it), the lock file's and the
        // journal's. The journal takes the secret; the fold's temporary copy finds the disk full.
        let script = """
            mount -t tmpfs -o size=12k tmpfs disk || exit 90
            "$1" apply sites --sandbox --auto-approve --secrets-file disk/secrets.json >out.txt 2>err.txt
            echo $? >status.txt
            grep -c '"type":"created"' disk/secrets.json.journal >journal-created.txt
            grep -c '"id"' disk/secrets.json >file-entries.txt
            ls disk >listing.txt
            """
        try Data(script.utf8).write(to: workspace.root.appendingPathComponent("full-disk.sh"))
        let status = try await Self.shell("unshare -m sh full-disk.sh '\(BinaryRunner.binaryURL.path)'", in: workspace.root)
        #expect(status == 0)
        let read = { (name: String) in (try? String(contentsOf: workspace.root.appendingPathComponent(name), encoding: .utf8)) ?? "" }
        #expect(read("status.txt") == "1\n", "apply exited \(read("status.txt")): \(read("err.txt"))")
        #expect(read("err.txt").contains("could not write the secrets file"))
        #expect(read("err.txt").contains("keep or save both"))
        #expect(read("journal-created.txt") == "1\n")
        // The file as opened (bound, no entries), never a half-written one; the secret is in the journal.
        #expect(read("file-entries.txt") == "0\n")
        #expect(read("listing.txt").split(separator: "\n").contains("secrets.json.journal"))
        #expect(!read("out.txt").contains("whsec_") && !read("err.txt").contains("whsec_"))
    }

    @Test func twoAppliesThroughALinkAndItsTargetNeverRunTogether() async throws {
        let root = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        // Slow answers: seconds between the first request and the end of the first apply.
        let (emulator, apiURL) = try await BackgroundProcess.emulator(in: root, ["--latency-ms", "1000"])
        defer { emulator.stop() }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("sites"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("real"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("viaLink"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("viaLink/secrets.json").path,
                                                   withDestinationPath: "../real/secrets.json")
        var text = "site: site_link\nwebhooks:\n"
        for w in 0..<6 { text += "  - name: hook-\(w)\n    url: https://hooks.example.com/link/\(w)\n    events: [goal]\n" }
        try Data(text.utf8).write(to: root.appendingPathComponent("sites/link.yaml"))
        let common = ["apply", "sites", "--api-url", apiURL, "--auto-approve"]
        let env = ["ZTA_API_TOKEN": "test-token"]

        let first = try BackgroundProcess(common + ["--secrets-file", "viaLink/secrets.json"], in: root, environment: env)
        // Once the emulator sees its first request the first apply holds the lock (it takes it
        // before listing); held still there, however slow this machine is, it keeps it.
        while try await LoopbackHTTP.emulatorRequests(apiURL) == 0 { try await Task.sleep(for: .milliseconds(5)) }
        first.signal(SIGSTOP)
        let second = try await BinaryRunner.run(common + ["--secrets-file", "real/secrets.json"], in: root, environment: env)
        first.signal(SIGCONT)
        #expect(second.exitCode == 3, "\(second.stderr)")
        #expect(second.stderr.contains("holds the lock"))
        #expect(second.stderr.contains("by pid \(first.process.processIdentifier) on host "))
        #expect(await first.wait() == 0, "\(first.stderr)")

        // The link is still a link, the real file has all six secrets, and nothing is duplicated.
        let link = try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent("viaLink/secrets.json").path)
        #expect(link[.type] as? FileAttributeType == .typeSymbolicLink)
        #expect(try SecretsStore.read(path: root.appendingPathComponent("real/secrets.json").path).entries.count == 6)
        let plan = try await BinaryRunner.run(["plan", "sites", "--api-url", apiURL, "--secrets-file", "real/secrets.json", "--detailed-exitcode"],
                                        in: root, environment: env)
        #expect(plan.exitCode == 0, "\(plan.stdout)\(plan.stderr)")
    }

    @Test func anEmptySecretsFileStopsPlanAndApplyUntilInitialisedOnPurpose() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write(".ztahooks/sandbox-secrets.json", "")
        let before = try workspace.read(".ztahooks/sandbox.json")
        for command in [["plan", "sites", "--sandbox"], ["apply", "sites", "--sandbox", "--auto-approve"]] {
            let result = try await BinaryRunner.run(command, in: workspace.root)
            #expect(result.exitCode == 1, "\(command[0]): \(result.stderr)")
            #expect(result.stderr.contains("is empty; a CI step that restores an unset secret writes an empty file"))
            #expect(result.stderr.contains("--init-secrets"))
        }
        #expect(try workspace.read(".ztahooks/sandbox-secrets.json").isEmpty)
        #expect(try workspace.read(".ztahooks/sandbox.json") == before)

        let started = try await BinaryRunner.run(["apply", "sites", "--sandbox", "--auto-approve", "--init-secrets"], in: workspace.root)
        #expect(started.exitCode == 0, "\(started.stderr)")
        #expect(try SecretsStore.read(path: workspace.root.appendingPathComponent(".ztahooks/sandbox-secrets.json").path).entries.count == 3)
    }

    @Test func aDamagedJournalLineIsKeptAndTheRunExitsNonZero() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        // A `created` record whose checksum fails, then a torn last line.
        let damaged = #"{"crc":"00000000","record":{"entry":{"events":["alert"],"id":"wh_lost","name":"fresh","secret":"whsec_lost","siteId":"site_shop","url":"https://hooks.example.com/zta/fresh"},"intentId":"int_9","type":"created"}}"#
        try workspace.write(".ztahooks/sandbox-secrets.json.journal", damaged + "\n" + #"{"crc":"0"# + "\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o600],
                                              ofItemAtPath: workspace.root.appendingPathComponent(".ztahooks/sandbox-secrets.json.journal").path)
        let result = try await BinaryRunner.run(["apply", "sites", "--sandbox", "--auto-approve"], in: workspace.root)
        #expect(result.exitCode == 1, "\(result.stderr)")
        #expect(result.stderr.contains("warning: recovered 0 records"))
        #expect(result.stderr.contains("may have held a secret"))
        #expect(!result.stderr.contains("whsec_") && !result.stdout.contains("whsec_"))
        let kept = try FileManager.default.contentsOfDirectory(atPath: workspace.root.appendingPathComponent(".ztahooks").path)
            .filter { $0.hasPrefix("sandbox-secrets.json.journal.damaged-") }
        #expect(kept.count == 1)
    }

    @Test func planNotesAnApplyThatHoldsTheLockAndWarnsAboutAnOpenFile() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let holder = LockHolder(pid: getpid(), host: LockHolder.current().host, startedAt: "2026-11-29T20:01:02.000Z")
        try workspace.write(".ztahooks/sandbox-secrets.json.lock", String(decoding: holder.encoded, as: UTF8.self))
        let path = workspace.root.appendingPathComponent(".ztahooks/sandbox-secrets.json").path
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        let result = try await workspace.plan(["sites", "--sandbox"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stderr.contains("note: another ztahooks apply (pid \(getpid()) on host "))
        #expect(result.stderr.contains("live webhooks may change while this runs"))
        #expect(result.stderr.contains("can be read by other users (mode 640)"))

        // A holder that no longer runs is not worth a note.
        let gone = LockHolder(pid: 999_999, host: holder.host, startedAt: holder.startedAt)
        try workspace.write(".ztahooks/sandbox-secrets.json.lock", String(decoding: gone.encoded, as: UTF8.self))
        #expect(await !(try workspace.plan(["sites", "--sandbox"]).stderr.contains("note: another ztahooks apply")))
    }

    @Test func theSandboxRefusesASecretsFileMeantForRealRuns() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try await BinaryRunner.run(["plan", "sites", "--sandbox"], in: workspace.root, environment: ["ZTA_SECRETS_FILE": "prod.json"])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("ZTA_SECRETS_FILE is set, and --sandbox keeps its own secrets file"))
        let chosen = try await BinaryRunner.run(["plan", "sites", "--sandbox", "--secrets-file", ".ztahooks/sandbox-secrets.json"],
                                          in: workspace.root, environment: ["ZTA_SECRETS_FILE": "prod.json"])
        #expect(chosen.exitCode == 0, "\(chosen.stderr)")
    }
}
