import Foundation
import Synchronization
import Testing
@testable import ZTAHooksCore

/// An in-memory file tree: paths to contents; directories are implied by the paths.
struct FakeFileSource: SiteFileSource {
    var files: [String: String]
    var unreadable: Set<String> = []
    /// Paths that are neither files nor directories, with what they are ("a FIFO").
    var others: [String: String] = [:]

    func kind(_ path: String) -> FileKind? {
        if files[path] != nil || unreadable.contains(path) { return .regular }
        if let what = others[path] { return .other(what) }
        let prefix = path.hasSuffix("/") ? path : path + "/"
        return (files.keys.contains { $0.hasPrefix(prefix) } || others.keys.contains { $0.hasPrefix(prefix) }) ? .directory : nil
    }

    func listRecursively(_ directory: String) throws -> [String] {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return (Array(files.keys) + Array(others.keys)).filter { $0.hasPrefix(prefix) }.shuffled()
    }

    func read(_ path: String, limit: Int) throws -> Data {
        if others[path] != nil { Issue.record("\(path) is not a regular file and must never be read") }
        return try readFile(path, limit: limit)
    }

    private func readFile(_ path: String, limit: Int) throws -> Data {
        if unreadable.contains(path) { throw SiteFileReadError.unreadable(reason: "permission denied") }
        guard let text = files[path] else { throw SiteFileReadError.unreadable(reason: "no such file") }
        let data = Data(text.utf8)
        if data.count > limit { throw SiteFileReadError.tooLarge(bytes: data.count) }
        return data
    }
}

/// Counts the reads in flight at once, the loader's measure of how many files it parses together.
private final class CountingFileSource: SiteFileSource {
    let files: FakeFileSource
    let peak = Mutex((now: 0, peak: 0))

    init(files: FakeFileSource) {
        self.files = files
    }

    func kind(_ path: String) -> FileKind? { files.kind(path) }
    func listRecursively(_ directory: String) throws -> [String] { try files.listRecursively(directory) }

    func read(_ path: String, limit: Int) throws -> Data {
        peak.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now) }
        defer { peak.withLock { $0.now -= 1 } }
        Thread.sleep(forTimeInterval: 0.001)
        return try files.read(path, limit: limit)
    }
}

private func site(_ id: String, hooks: Int = 1) -> String {
    "site: \(id)\nwebhooks:\n" + (0..<hooks).map {
        "  - name: hook\($0)\n    url: https://h.example.com/\($0)\n    events: [goal]\n"
    }.joined()
}

struct ConfigLoaderTests {
    @Test func searchesDirectoriesRecursivelyInPathOrder() async {
        let source = FakeFileSource(files: [
            "sites/b.yaml": site("site_b"),
            "sites/a.yml": site("site_a", hooks: 2),
            "sites/team/c.YAML": site("site_c"),
            "sites/notes.txt": "not yaml",
            "sites/.hidden/d.yaml": site("site_d"),
            "sites/.e.yaml": site("site_e"),
        ])
        let result = await SiteLoader.load(paths: ["sites"], from: source)
        #expect(result.diagnostics.isEmpty)
        #expect(result.sites.map(\.path) == ["sites/a.yml", "sites/b.yaml", "sites/team/c.YAML"])
        #expect(result.sites.map(\.site) == ["site_a", "site_b", "site_c"])
        #expect(result.fileCount == 3)
        #expect(result.webhookCount == 4)
        #expect(result.isValid)
    }

    @Test func parsesManyFilesAtMostOnePerCoreAtATimeAndKeepsTheirOrder() async {
        // Sizes vary so that files finish out of order; the reads overlap long enough to count.
        var files: [String: String] = [:]
        for index in 0..<120 { files["sites/\(1000 + index).yaml"] = site("site_\(index)", hooks: 1 + index % 9) }
        let source = CountingFileSource(files: FakeFileSource(files: files))
        let result = await SiteLoader.load(paths: ["sites"], from: source)
        #expect(result.diagnostics.isEmpty)
        #expect(result.sites.map(\.site) == (0..<120).map { "site_\($0)" })
        #expect(result.webhookCount == (0..<120).reduce(0) { $0 + 1 + $1 % 9 })
        #expect(source.peak.withLock { $0.peak } <= ProcessInfo.processInfo.activeProcessorCount)
    }

    @Test func takesAFileGivenByNameWhateverItsExtension() async {
        let source = FakeFileSource(files: ["one.txt": site("site_a")])
        let result = await SiteLoader.load(paths: ["one.txt"], from: source)
        #expect(result.sites.map(\.site) == ["site_a"])
    }

    @Test func skipsWhatIsNotARegularFileInADirectoryWithAWarningAndNeverReadsIt() async {
        var source = FakeFileSource(files: ["sites/a.yaml": site("site_a")])
        source.others = ["sites/pipe.yaml": "a FIFO", "sites/team/sock.yml": "a socket"]
        let result = await SiteLoader.load(paths: ["sites"], from: source)
        #expect(result.diagnostics.map(\.description) == [
            "sites/pipe.yaml:1:1: warning: not a regular file (a FIFO); skipped",
            "sites/team/sock.yml:1:1: warning: not a regular file (a socket); skipped",
        ])
        #expect(result.sites.map(\.site) == ["site_a"])
        #expect(result.fileCount == 1)
        #expect(result.isValid)
    }

    @Test func refusesWhatIsNotARegularFileGivenAsAPath() async {
        var source = FakeFileSource(files: [:])
        source.others = ["pipe.yaml": "a FIFO"]
        let result = await SiteLoader.load(paths: ["pipe.yaml"], from: source)
        #expect(result.diagnostics.map(\.description) == ["pipe.yaml:1:1: error: not a regular file (a FIFO); not read"])
        #expect(result.fileCount == 0)
        #expect(!result.isValid)
    }

    @Test func readsAFileReachedTwiceOnce() async {
        let source = FakeFileSource(files: ["sites/a.yaml": site("site_a")])
        let result = await SiteLoader.load(paths: ["sites", "sites/a.yaml"], from: source)
        #expect(result.fileCount == 1)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func namesBothPlacesOfASiteDeclaredTwice() async {
        let source = FakeFileSource(files: [
            "sites/a.yaml": site("site_same"),
            "sites/b.yaml": "# moved\n" + site("site_same"),
            "sites/c.yaml": site("site_other"),
        ])
        let result = await SiteLoader.load(paths: ["sites"], from: source)
        #expect(result.diagnostics.map(\.description) == [
            "sites/a.yaml:1:7: error: site 'site_same' is also declared in sites/b.yaml:2:7 (keep each site in exactly one file)",
            "sites/b.yaml:2:7: error: site 'site_same' is also declared in sites/a.yaml:1:7 (keep each site in exactly one file)",
        ])
        #expect(result.sites.map(\.site) == ["site_other"])
        #expect(!result.isValid)
    }

    @Test func aSiteDeclaredTwiceIsFoundEvenWhenOneFileHasOtherErrors() async {
        let source = FakeFileSource(files: [
            "a.yaml": site("site_same"),
            "b.yaml": "site: site_same\nwebhooks: nope\n",
        ])
        let result = await SiteLoader.load(paths: ["a.yaml", "b.yaml"], from: source)
        #expect(result.diagnostics.map { "\($0.location.file):\($0.location.line)" } == ["a.yaml:1", "b.yaml:1", "b.yaml:2"])
    }

    @Test func everyDeclarationOfASiteIsNamedForImportWhateverBecameOfItsFile() async {
        let source = FakeFileSource(files: [
            "s/a.yaml": site("site_same"),
            "s/b.yaml": site("site_same"),
            "s/broken.yaml": "site: site_broken\nwebhooks: nope\n",
            "s/ok.yaml": site("site_ok"),
        ])
        let result = await SiteLoader.load(paths: ["s"], from: source)
        // The duplicates and the broken file are left out of the run, but they still declare their sites.
        #expect(result.sites.map(\.site) == ["site_ok"])
        #expect(result.declarations == ["site_same": ["s/a.yaml", "s/b.yaml"], "site_broken": ["s/broken.yaml"], "site_ok": ["s/ok.yaml"]])
    }

    @Test func theNumberOfFilesFoundIsToldBeforeAnySiteIsAnnounced() async {
        let source = FakeFileSource(files: ["s/a.yaml": site("site_a"), "s/b.yaml": site("site_b"), "s/c.yaml": "nope"])
        let events = Events()
        _ = await SiteLoader.load(paths: ["s"], from: source, found: { events.add("found \($0)") }, parsed: { events.add("parsed \($0)") })
        #expect(events.all.first == "found 3")
        #expect(events.all.dropFirst().sorted() == ["parsed site_a", "parsed site_b"])
    }

    /// What the loader's callbacks were called with, in order, from any thread.
    final class Events: @unchecked Sendable {
        private let lock = NSLock()
        private var events: [String] = []
        func add(_ event: String) { lock.withLock { events.append(event) } }
        var all: [String] { lock.withLock { events } }
    }

    @Test func keepsOnlyValidSitesButReportsEveryFile() async {
        let source = FakeFileSource(files: [
            "s/good.yaml": site("site_good"),
            "s/bad.yaml": site("site_bad").replacingOccurrences(of: "[goal]", with: "[gaol]"),
            "s/warn.yaml": "site: site_warn\nwebhooks: []\n",
        ])
        let result = await SiteLoader.load(paths: ["s"], from: source)
        #expect(result.sites.map(\.site) == ["site_good", "site_warn"])
        #expect(result.diagnostics.map(\.description) == [
            "s/bad.yaml:5:14: error: unknown event type 'gaol' (did you mean 'goal'?)",
            "s/warn.yaml:2:11: warning: no webhooks declared: apply will delete every live webhook of this site and needs --allow-empty",
        ])
        #expect(result.summary.errors == 1)
        #expect(result.summary.warnings == 1)
    }

    @Test func reportsMissingPathsEmptyDirectoriesAndUnreadableFiles() async {
        var source = FakeFileSource(files: ["docs/readme.md": "hi", "sites/a.yaml": site("site_a")])
        source.unreadable = ["locked.yaml"]
        let result = await SiteLoader.load(paths: ["nope.yaml", "docs", "locked.yaml", "sites"], from: source)
        #expect(result.diagnostics.map(\.description) == [
            "docs:1:1: error: no site files (*.yaml, *.yml) in this directory (site files are searched for recursively; hidden directories are skipped)",
            "locked.yaml:1:1: error: cannot read file: permission denied",
            "nope.yaml:1:1: error: no such file or directory",
        ])
        #expect(result.sites.map(\.site) == ["site_a"])
        #expect(result.fileCount == 2)
    }

    @Test func refusesAFileOverTheSizeCapWithoutReadingIt() async {
        let big = String(repeating: "#", count: SiteFormat.maxFileBytes + 10)
        let result = await SiteLoader.load(paths: ["big.yaml"], from: FakeFileSource(files: ["big.yaml": big]))
        #expect(result.diagnostics.map(\.description) == [
            "big.yaml:1:1: error: file is 1048586 bytes; a site file may be at most 1 MiB (1048576 bytes) (one site's webhooks fit in a few kilobytes)",
        ])
    }

    @Test func localFileSourceListsAndReadsTheDisk() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ztahooks-loader-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("team/.git"), withIntermediateDirectories: true)
        try Data(site("site_a").utf8).write(to: root.appendingPathComponent("a.yaml"))
        try Data(site("site_b").utf8).write(to: root.appendingPathComponent("team/b.yml"))
        try Data(site("site_x").utf8).write(to: root.appendingPathComponent("team/.git/x.yaml"))
        try Data(repeating: 0x23, count: 100).write(to: root.appendingPathComponent("big.yaml"))
        let source = LocalFileSource()
        #expect(source.kind(root.path) == .directory)
        #expect(source.kind(root.appendingPathComponent("a.yaml").path) == .regular)
        #expect(source.kind(root.appendingPathComponent("missing").path) == nil)
        let listed = try source.listRecursively(root.path).sorted()
        #expect(listed == ["a.yaml", "big.yaml", "team/b.yml"].map { root.path + "/" + $0 })
        #expect(throws: SiteFileReadError.tooLarge(bytes: 100)) {
            try source.read(root.appendingPathComponent("big.yaml").path, limit: 99)
        }
        #expect(try source.read(root.appendingPathComponent("big.yaml").path, limit: 100).count == 100)
    }

    @Test func localFileSourceListsLinksAsFilesAndNeverFollowsThemIntoALoop() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ztahooks-walk-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("top/deep/er"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("elsewhere"), withIntermediateDirectories: true)
        try Data(site("site_a").utf8).write(to: root.appendingPathComponent("top/deep/er/a.yaml"))
        try Data(site("site_e").utf8).write(to: root.appendingPathComponent("elsewhere/e.yaml"))
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("top/loop").path, withDestinationPath: "..")
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("top/deep/other.yaml").path, withDestinationPath: "../../elsewhere")
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("top/gone.yaml").path, withDestinationPath: "missing.yaml")
        let top = root.appendingPathComponent("top").path
        let source = LocalFileSource()
        #expect(try source.listRecursively(top).sorted() == ["deep/er/a.yaml", "deep/other.yaml", "gone.yaml", "loop"].map { top + "/" + $0 })
        #expect(try source.listRecursively(top + "/").sorted() == ["deep/er/a.yaml", "deep/other.yaml", "gone.yaml", "loop"].map { top + "/" + $0 })
        #expect(throws: SiteFileReadError.self) { try source.listRecursively(root.appendingPathComponent("absent").path) }
        // The link to a directory is named like a site file: skipped with a warning, not walked.
        let walked = await SiteLoader.load(paths: [top], from: source)
        #expect(walked.sites.map(\.site) == ["site_a"])
        #expect(walked.diagnostics.map(\.description).contains("\(top)/deep/other.yaml:1:1: warning: not a regular file (a directory); skipped"))
    }

    /// A dangling link and a link loop are named as what they are, in a directory and given as a path.
    @Test func aDanglingLinkAndALinkLoopAreSaidInPlainWords() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ztahooks-links-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let sites = root.appendingPathComponent("sites")
        try FileManager.default.createDirectory(at: sites, withIntermediateDirectories: true)
        try Data(site("site_a").utf8).write(to: sites.appendingPathComponent("a.yaml"))
        try FileManager.default.createSymbolicLink(atPath: sites.appendingPathComponent("gone.yaml").path, withDestinationPath: "missing.yaml")
        try FileManager.default.createSymbolicLink(atPath: sites.appendingPathComponent("loop.yaml").path, withDestinationPath: "loop.yaml")
        let walked = await SiteLoader.load(paths: [sites.path], from: LocalFileSource())
        let messages = walked.diagnostics.map(\.description)
        #expect(messages.contains { $0.hasPrefix(sites.path + "/gone.yaml:") && $0.contains("it is a dangling symbolic link (its target does not exist)") },
                "\(messages)")
        #expect(messages.contains { $0.hasPrefix(sites.path + "/loop.yaml:") && $0.contains("it is a symbolic link loop") }, "\(messages)")
        #expect(!messages.contains { $0.contains("permission denied") })
        let given = await SiteLoader.load(paths: [sites.appendingPathComponent("gone.yaml").path], from: LocalFileSource())
        #expect(given.diagnostics.map(\.description) == ["\(sites.path)/gone.yaml:1:1: error: it is a dangling symbolic link (its target does not exist)"])
    }

    @Test func localFileSourceReadsEveryByteOfFilesOfAnySizeUpToTheLimit() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ztahooks-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let source = LocalFileSource()
        for size in [0, 1, 4095, 4096, 4097, 70_000] {
            let bytes = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            let path = root.appendingPathComponent("f\(size).yaml").path
            try bytes.write(to: URL(fileURLWithPath: path))
            #expect(try source.read(path, limit: 70_000) == bytes)
            if size > 0 {
                #expect(throws: SiteFileReadError.tooLarge(bytes: size)) { try source.read(path, limit: size - 1) }
            }
        }
    }

    @Test func localFileSourceTellsAFIFOFromAFileWithoutOpeningItAndFollowsLinks() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ztahooks-loader-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let sites = root.appendingPathComponent("sites")
        try FileManager.default.createDirectory(at: sites, withIntermediateDirectories: true)
        let fifo = sites.appendingPathComponent("pipe.yaml").path
        try #require(mkfifo(fifo, 0o600) == 0)
        try Data(site("site_a").utf8).write(to: sites.appendingPathComponent("a.yaml"))
        let link = root.appendingPathComponent("link.yaml").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "sites/a.yaml")
        let source = LocalFileSource()
        #expect(source.kind(fifo) == .other("a FIFO"))
        #expect(source.kind(link) == .regular)
        // Even when asked, reading a FIFO fails at once instead of waiting for a writer.
        #expect(throws: SiteFileReadError.unreadable(reason: "it is a FIFO, not a regular file")) {
            try source.read(fifo, limit: 100)
        }
        let walked = await SiteLoader.load(paths: [sites.path], from: source)
        #expect(walked.sites.map(\.site) == ["site_a"])
        #expect(walked.diagnostics.map(\.description) == ["\(fifo):1:1: warning: not a regular file (a FIFO); skipped"])
        #expect(await SiteLoader.load(paths: [link], from: source).sites.map(\.site) == ["site_a"])
    }
}

/// Discovery's byte-level shortcuts against the general forms they skip.
struct SiteDiscoveryPathTests {
    @Test func aPathCalledCanonicalIsTheOneResolvingItGives() {
        let pieces = ["a", "b", ".", "..", "...", ".x", "x.", "", "/", "//", "a/", "/.", "/.."]
        for seed in PropertySeeds(defaultCases: 20_000) {
            var random = PropertyRandom(seed: seed)
            let path = (0..<random.int(0...6)).map { _ in random.pick(pieces) }.joined(separator: random.chance(0.8) ? "/" : "")
            if SiteLoader.isCanonical(path) {
                #expect(SiteLoader.resolved(path) == path, "seed \(seed): \(path.debugDescription)")
            }
        }
        #expect(SiteLoader.isCanonical("sites/site_a.yaml"))
        #expect(SiteLoader.isCanonical("/abs/.../x"))
        for path in ["", "/", "a//b", "a/./b", "a/../b", "./a", "../a", "a/", "a/.", "a/.."] {
            #expect(!SiteLoader.isCanonical(path), "\(path)")
        }
    }

    @Test func siteFilesAreYAMLOutsideHiddenDirectoriesAndNotTheProjectFile() async {
        let files = FakeFileSource(files: [
            "sites/a.yaml": site("site_a"), "sites/B.YML": site("site_b"), "sites/c.Yaml": site("site_c"),
            "sites/.hidden/d.yaml": site("site_d"), "sites/team/.e.yaml": site("site_e"), "sites/notes.txt": "x",
            "sites/ztahooks.yaml": "x", "sites/team/f.yml": site("site_f"), "sites/x.yaml.bak": "x",
        ])
        let result = await SiteLoader.load(paths: ["sites"], from: files)
        #expect(result.sites.map(\.site).sorted() == ["site_a", "site_b", "site_c", "site_f"])
    }
}

/// The saved plan's checksum, which the loader now computes file by file as it reads: the same
/// value as `LiveFingerprint.ofSources` over every chosen file, so that saved plans still apply.
struct SiteLoadChecksumTests {
    private func files(_ count: Int) -> [String: String] {
        var files: [String: String] = [:]
        for index in 0..<count { files["sites/\(1000 + index).yaml"] = site("site_\(index)", hooks: 1 + index % 9) }
        return files
    }

    private func expected(_ files: [String: String], named name: (String) -> String = { $0 }) -> String {
        LiveFingerprint.ofSources(files.map { (path: name($0.key), contents: Data($0.value.utf8)) })
    }

    /// Counts the reads `siteSet` makes when the load's checksum does not stand.
    private final class Reads: @unchecked Sendable {
        var paths: [String] = []
        let files: [String: String]
        init(_ files: [String: String]) { self.files = files }
        func read(_ path: String) -> Data {
            paths.append(path)
            return Data((files[path] ?? "").utf8)
        }
    }

    @Test func isTheValueSavedPlansCarry() async {
        // Pinned: sha256 over "path\0count\0bytes" of each file in path order, as plans saved
        // by earlier versions hold it.
        let files = ["sites/b.yaml": site("site_b", hooks: 2), "sites/a.yaml": site("site_a")]
        let reads = Reads(files)
        let set = await SiteLoader.load(paths: ["sites"], from: FakeFileSource(files: files)).siteSet(read: reads.read)
        #expect(set.checksum == "sha256:29b9261cfb9c443432d665d1bfe70e3eebb76f11918f34aa702937698c941343")
        #expect(reads.paths.isEmpty)
    }

    @Test func isComputedAsFilesAreReadWhateverOrderTheyFinishIn() async {
        let files = files(120)
        let name = { (path: String) in "root/" + path }
        let reads = Reads(files)
        let result = await SiteLoader.load(paths: ["sites"], from: CountingFileSource(files: FakeFileSource(files: files)), checksumPath: name)
        #expect(result.siteSet(checksumPath: name, read: reads.read).checksum == expected(files, named: name))
        #expect(reads.paths.isEmpty)
    }

    @Test func coversOnlyTheChosenSitesWithoutReadingAgain() async {
        let files = files(20)
        let chosen: Set<String> = ["site_3", "site_11"]
        let reads = Reads(files)
        let result = await SiteLoader.load(paths: ["sites"], from: FakeFileSource(files: files), only: chosen)
        #expect(result.siteSet(only: chosen, read: reads.read).checksum == expected(files.filter { ["sites/1003.yaml", "sites/1011.yaml"].contains($0.key) }))
        #expect(reads.paths.isEmpty)
    }

    @Test func readsTheChosenFilesAgainWhenASiteIsLeftOutAfterItsFileWasHashed() async {
        var files = files(3)
        files["sites/1003.yaml"] = site("site_0")
        let reads = Reads(files)
        let result = await SiteLoader.load(paths: ["sites"], from: FakeFileSource(files: files))
        let set = result.siteSet(read: reads.read)
        #expect(set.sites.map(\.site) == ["site_1", "site_2"])
        #expect(set.checksum == expected(files.filter { ["sites/1001.yaml", "sites/1002.yaml"].contains($0.key) }))
        #expect(reads.paths == ["sites/1001.yaml", "sites/1002.yaml"])
    }

    @Test func readsAgainWhenTheFilesWereNotReadInTheChecksumsOrder() async {
        // Read as b/ then a/, named without the directory: y.yaml comes first, x.yaml second.
        let files = ["b/y.yaml": site("site_b"), "a/x.yaml": site("site_a")]
        let name = { (path: String) in String(path.dropFirst(2)) }
        let reads = Reads(files)
        let result = await SiteLoader.load(paths: ["b", "a"], from: FakeFileSource(files: files), checksumPath: name)
        #expect(result.siteSet(checksumPath: name, read: reads.read).checksum == expected(files, named: name))
        #expect(reads.paths == ["b/y.yaml", "a/x.yaml"])
    }
}
