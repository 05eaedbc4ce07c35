import Foundation
import Testing
import ZTASim

/// `--changed-since`: a pull request that changes 2 of many site files lists 2 sites.
struct ChangedSinceTests {
    private func git(_ args: [String], in directory: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.email=ci@example.com", "-c", "user.name=ci"] + args
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(args.joined(separator: " "))")
    }

    private static func site(_ n: Int, events: String = "goal") -> String {
        "site: site_\(n)\nwebhooks:\n  - name: hook\n    url: https://hooks.example.com/zta/\(n)\n    events: [\(events)]\n"
    }

    @Test func onlyTheChangedSitesAreListedAndADeletedOneIsNamed() async throws {
        let root = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        for n in 0..<200 { try BinaryRunner.write(Self.site(n), to: "sites/s\(n).yaml", under: root) }
        try BinaryRunner.write("paths: [sites]\n", to: "ztahooks.yaml", under: root)
        try git(["init", "-q"], in: root)
        try git(["add", "-A"], in: root)
        try git(["commit", "-qm", "sites"], in: root)
        try BinaryRunner.write(Self.site(7, events: "goal, alert"), to: "sites/s7.yaml", under: root)
        try BinaryRunner.write(Self.site(500), to: "sites/new/s500.yaml", under: root)
        try FileManager.default.removeItem(at: root.appendingPathComponent("sites/s9.yaml"))

        let server = try await SimServer.start(options: SimOptions())
        let environment = ["ZTA_API_URL": server.baseURL, "ZTA_API_TOKEN": "tok_changed"]
        let plan = try await BinaryRunner.run(["plan", "--changed-since", "HEAD", "--format", "json"], in: root, environment: environment)
        let lists = await server.stats.count(method: "GET")
        let all = try await BinaryRunner.run(["plan", "--format", "json"], in: root, environment: environment)
        try BinaryRunner.write("paths: [sites]\nallowedHosts: [hooks.example.com]\n", to: "ztahooks.yaml", under: root)
        await server.stats.reset()
        let projectChanged = try await BinaryRunner.run(["plan", "--changed-since", "HEAD"], in: root, environment: environment)
        let listsAfterProject = await server.stats.count(method: "GET")
        let bad = try await BinaryRunner.run(["plan", "--changed-since", "no-such-branch"], in: root, environment: environment)
        await server.stop()

        #expect(plan.exitCode == 0, "\(plan.stderr)")
        #expect(lists == 2)
        let sites = try #require(try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any])["sites"] as? [[String: Any]]
        #expect(sites?.compactMap { $0["siteId"] as? String }.sorted() == ["site_500", "site_7"])
        #expect(plan.stderr.contains("note: sites/s9.yaml was deleted since HEAD: site site_9 is no longer managed; its live webhooks stay"))
        #expect(all.exitCode == 0)
        #expect((try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [String: Any])?["sites"] as? [Any] != nil)
        #expect(projectChanged.stderr.contains("ztahooks.yaml changed since HEAD: every site is planned"))
        #expect(listsAfterProject == 200)
        #expect(bad.exitCode == 1)
        #expect(bad.stderr.contains("--changed-since no-such-branch: git knows no such revision here"))
    }
}
