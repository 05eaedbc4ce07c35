import Foundation
import Testing
import ZTASim

@Suite struct PersistenceTests {
    /// Removes the directory `temporaryPath` made, state file, log and all.
    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().deletingLastPathComponent().path)
    }

    static func temporaryPath() -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ztasim-\(UUID().uuidString)", isDirectory: true)
        return directory.appendingPathComponent("nested/state.json").path
    }

    @Test func stateSurvivesARestart() async throws {
        let path = Self.temporaryPath()
        defer { Self.remove(path) }
        let options = SimOptions(statePath: path)
        let created = try await SimHarness.with(options) { sim async throws in
            #expect(try await sim.create(url: "https://a.example.com/", description: "first").status == 200)
            let second = try await sim.create(url: "https://b.example.com/")
            #expect(try await sim.delete(second.webhook["id"] as! String).status == 200)
            return try #require(await sim.server.state.webhooks.first)
        }
        try await SimHarness.with(options) { sim async throws in
            #expect(await sim.server.state.webhooks == [created])
            let listed = try await sim.list("site_abc123").webhooks
            #expect(listed.map { $0["id"] as? String } == [created.id])
        }
    }

    @Test func fileHoldsSecretsAndDescriptionsAndIsPrivate() async throws {
        let path = Self.temporaryPath()
        defer { Self.remove(path) }
        let secret = try await SimHarness.with(SimOptions(statePath: path)) { sim async throws in
            let secret = try #require(try await sim.create(description: "ops").webhook["secret"] as? String)
            // Answered only once its line is in the log.
            #expect(try String(contentsOfFile: path + ".log", encoding: .utf8).contains(secret))
            return secret
        }
        // The stop folded the log: the snapshot alone holds the state.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(secret))
        #expect(text.contains(#""description" : "ops""#))
        #expect(text.contains(#""version" : 1"#))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path + ".log")).isEmpty)
        for file in [path, path + ".log"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        }
        // No temporary files are left beside it.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path)
        #expect(siblings.sorted() == ["state.json", "state.json.log"])
    }

    @Test func corruptStateFileStopsTheStartAndIsKept() async throws {
        let path = Self.temporaryPath()
        defer { Self.remove(path) }
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        try Data("{ torn".utf8).write(to: URL(fileURLWithPath: path))
        await #expect {
            _ = try await SimServer.start(options: SimOptions(statePath: path))
        } throws: { error in
            guard case .stateFileUnreadable(let errorPath, _) = error as? SimError else { return false }
            return errorPath == path
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{ torn")
    }

    @Test func controlChangesArePersistedToo() async throws {
        let path = Self.temporaryPath()
        defer { Self.remove(path) }
        let options = SimOptions(statePath: path)
        try await SimHarness.with(options) { sim async throws in
            let id = try #require(try await sim.create().webhook["id"] as? String)
            #expect(try await sim.send("POST", "/_sim/disable?id=\(id)").status == 200)
        }
        try await SimHarness.with(options) { sim async throws in
            #expect(await sim.server.state.webhooks.first?.active == false)
            #expect(try await sim.send("POST", "/_sim/reset").status == 200)
        }
        try await SimHarness.with(options) { sim async throws in
            #expect(await sim.server.state.webhooks.isEmpty)
        }
    }

    @Test func unwritableStateFileAnswers500AndChangesNothing() async throws {
        let path = Self.temporaryPath()
        defer { Self.remove(path) }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try await SimHarness.with(SimOptions(statePath: path)) { sim async throws in
            #expect(try await sim.create(url: "https://a.example.com/").status == 200)
            try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: directory)
            defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory) }
            // Root ignores directory permissions; then there is nothing to observe.
            guard getuid() != 0 else { return }
            let answer = try await sim.create(url: "https://b.example.com/")
            #expect(answer.status == 500)
            #expect(await sim.server.state.webhooks.count == 1)
        }
    }
}

@Suite struct StartTests {
    @Test func takenPortIsAClearError() async throws {
        let first = try await SimServer.start(options: SimOptions())
        await #expect(throws: SimError.notListening(reason: "127.0.0.1:\(first.port) is already in use")) {
            _ = try await SimServer.start(port: first.port, options: SimOptions())
        }
        await first.stop()
    }

    @Test func portZeroGivesARealPortAndBaseURL() async throws {
        let server = try await SimServer.start(options: SimOptions())
        #expect(server.port > 0)
        #expect(server.baseURL == "http://127.0.0.1:\(server.port)")
        await server.stop()
    }
}
