import Foundation
import Testing
@testable import ZTASim

/// The state file's log: replay, torn and damaged lines, folding, old files, permissions.
@Suite struct StateLogTests {
    /// A state path in a fresh directory, and the directory to remove.
    static func workspace() -> (path: String, directory: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ztasim-log-\(UUID().uuidString)").path
        return (directory + "/state.json", directory)
    }

    static func size(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? -1
    }

    /// Creates, updates and deletes, so that every kind of line is in the log.
    static func changeSome(_ state: SimState) async throws {
        for index in 0..<6 {
            _ = try await state.create(siteId: "site_\(index % 2)", url: "https://h.example.com/\(index)", events: ["alert"], description: nil)
        }
        let ids = await state.webhooks.map(\.id)
        _ = try await state.recordFailedDelivery(id: ids[0], disableAfter: 5)
        _ = try await state.disable(id: ids[1])
        _ = try await state.markTriggered(id: ids[2])
        _ = try await state.delete(id: ids[3])
    }

    @Test func replayOfTheLogGivesTheStateBefore() async throws {
        let (path, directory) = Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let state = try SimState(statePath: path, seed: 1)
        try await Self.changeSome(state)
        let before = await state.webhooks
        // Not folded yet: everything is in the log.
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try Self.size(path + ".log") > 0)
        let reloaded = try SimState(statePath: path)
        #expect(await reloaded.webhooks == before)
        #expect(before.count == 5)
        #expect(before.first?.failuresInARow == 1)
        #expect(before[1].active == false)
    }

    @Test func aTornLastLineIsIgnoredAndCutBeforeTheNextChange() async throws {
        let (path, directory) = Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let state = try SimState(statePath: path, seed: 2)
        try await Self.changeSome(state)
        let before = await state.webhooks
        let log = try #require(FileHandle(forWritingAtPath: path + ".log"))
        log.seekToEndOfFile()
        log.write(Data(#"0badc0de {"op":"put","webhook":{"siteId":"#.utf8))
        try log.close()
        let reloaded = try SimState(statePath: path)
        #expect(await reloaded.webhooks == before)
        // The next line starts where the whole lines end, so the log stays readable.
        let added = try await reloaded.create(siteId: "site_9", url: "https://h.example.com/9", events: ["goal"], description: nil)
        #expect(try await SimState(statePath: path).webhooks == before + [added])
    }

    @Test func aDamagedLineInTheMiddleStopsTheLoadNamingFileAndLine() async throws {
        let (path, directory) = Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let state = try SimState(statePath: path, seed: 3)
        try await Self.changeSome(state)
        var lines = try String(contentsOfFile: path + ".log", encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        lines[1] = Substring(lines[1].replacingOccurrences(of: "https://h.example.com/1", with: "https://h.example.com/X"))
        try lines.joined(separator: "\n").write(toFile: path + ".log", atomically: false, encoding: .utf8)
        #expect(throws: SimError.stateFileUnreadable(path: path + ".log", reason: "line 2: its checksum does not match")) {
            _ = try SimState(statePath: path)
        }
    }

    @Test func theLogFoldsIntoTheSnapshotOnceItOutgrowsIt() async throws {
        let (path, directory) = Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let state = try SimState(statePath: path, seed: 4, foldBytes: 2_000)
        var folds = 0
        var lastLogSize = 0
        for index in 0..<40 {
            _ = try await state.create(siteId: "site_\(index / 10)", url: "https://h.example.com/\(index)", events: ["alert"], description: nil)
            let logSize = try Self.size(path + ".log")
            if logSize < lastLogSize { folds += 1 }
            lastLogSize = logSize
            // Never much past the larger of the threshold and the snapshot: one line at most.
            let snapshot = FileManager.default.fileExists(atPath: path) ? try Self.size(path) : 0
            #expect(logSize <= max(2_000, snapshot) + 1_000)
        }
        #expect(folds >= 2)
        // The snapshot holds what was folded, in the format it always had.
        let snapshot = try SimSnapshot.decode(Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(snapshot.count >= 10)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("{\n  \"version\" : 1,"))
        let expected = await state.webhooks
        #expect(try await SimState(statePath: path).webhooks == expected)
    }

    @Test func closingFoldsTheLogSoTheSnapshotAloneHoldsTheState() async throws {
        let (path, directory) = Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let state = try SimState(statePath: path, seed: 5)
        try await Self.changeSome(state)
        try await state.close()
        #expect(try Self.size(path + ".log") == 0)
        let snapshot = try SimSnapshot.decode(Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(snapshot == (await state.webhooks))
        // A change after the close opens the log again.
        _ = try await state.delete(id: snapshot[0].id)
        #expect(try await SimState(statePath: path).webhooks == Array(snapshot.dropFirst()))
    }

    @Test func aStateThatChangedNothingWritesNothing() async throws {
        let (path, directory) = Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let state = try SimState(statePath: path)
        _ = await state.webhooks
        try await state.close()
        #expect(!FileManager.default.fileExists(atPath: directory))
    }

    @Test func anOldStateFileWithoutALogLoadsAndKeepsItsLayout() async throws {
        let (path, directory) = Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let old = SimWebhook(
            siteId: "site_old", id: "wh_old", url: "https://old.example.com/", events: ["pageview"],
            secret: "whsec_old", createdAt: "2026-01-01T00:00:00.000Z")
        try SimSnapshot.encode([old]).write(to: URL(fileURLWithPath: path))
        let state = try SimState(statePath: path, seed: 6)
        #expect(await state.webhooks == [old])
        let added = try await state.create(siteId: "site_old", url: "https://new.example.com/", events: ["goal"], description: nil)
        try await state.close()
        #expect(try SimSnapshot.decode(Data(contentsOf: URL(fileURLWithPath: path))) == [old, added])
    }

    @Test func twoEmulatorsOnOneFileKeepEachOthersChanges() async throws {
        let (path, directory) = Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try SimState(statePath: path, seed: 7)
        let second = try SimState(statePath: path, seed: 8)
        let a = try await first.create(siteId: "site_a", url: "https://a.example.com/", events: ["alert"], description: nil)
        let b = try await second.create(siteId: "site_b", url: "https://b.example.com/", events: ["alert"], description: nil)
        // A fold folds what is on disk, not only what its emulator holds.
        try await first.close()
        try await second.close()
        #expect(try await SimState(statePath: path).webhooks == [a, b])
    }

    @Test func theLogIsPrivate() async throws {
        let (path, directory) = Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = umask(0o022)
        let state = try SimState(statePath: path, seed: 9)
        _ = try await state.create(siteId: "site_p", url: "https://p.example.com/", events: ["alert"], description: nil)
        let attributes = try FileManager.default.attributesOfItem(atPath: path + ".log")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func aSymbolicLinkAtTheLogIsNeitherFollowedForWritingNorForReading() async throws {
        let (path, directory) = Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let elsewhere = directory + "/elsewhere"
        try Data("kept\n".utf8).write(to: URL(fileURLWithPath: elsewhere))
        try FileManager.default.createSymbolicLink(atPath: path + ".log", withDestinationPath: elsewhere)
        #expect(throws: SimError.stateFileUnreadable(path: path + ".log", reason: "a symbolic link; refused, the file holds signing secrets")) {
            _ = try SimState(statePath: path)
        }
        // Loaded before the link appeared: the change is refused and not made.
        try FileManager.default.removeItem(atPath: path + ".log")
        let state = try SimState(statePath: path)
        try FileManager.default.createSymbolicLink(atPath: path + ".log", withDestinationPath: elsewhere)
        await #expect(throws: SimError.stateFileNotWritten(path: path + ".log", reason: "a symbolic link; refused, the file holds signing secrets")) {
            _ = try await state.create(siteId: "site_s", url: "https://s.example.com/", events: ["alert"], description: nil)
        }
        #expect(await state.webhooks.isEmpty)
        #expect(try String(contentsOfFile: elsewhere, encoding: .utf8) == "kept\n")
    }

    @Test func aLogThatIsNotARegularFileIsRefused() async throws {
        let (path, directory) = Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/state.json.log", withIntermediateDirectories: true)
        let state = try? SimState(statePath: path)
        #expect(state == nil)
        // A FIFO would block a reader that opened it; it is refused without being opened.
        try FileManager.default.removeItem(atPath: path + ".log")
        #expect(mkfifo(path + ".log", 0o600) == 0)
        #expect(throws: SimError.stateFileUnreadable(path: path + ".log", reason: "not a regular file; refused")) {
            _ = try SimState(statePath: path)
        }
    }
}
