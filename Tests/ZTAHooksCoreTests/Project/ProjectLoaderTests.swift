import Foundation
import Testing
@testable import ZTAHooksCore

/// Finding `ztahooks.yaml`: the current directory, then its parents up to the repository root.
struct ProjectLoaderTests {
    private let policy = "paths: [sites]\n"

    @Test func theCurrentDirectoryComesFirst() {
        let source = FakeFileSource(files: ["/r/.git/HEAD": "", "/r/ztahooks.yaml": policy, "/r/a/ztahooks.yaml": policy])
        #expect(ProjectLoader.discover(from: "/r/a", in: source) == "ztahooks.yaml")
    }

    @Test func theNearestParentUpToTheRepositoryRootIsFound() {
        let source = FakeFileSource(files: ["/r/.git/HEAD": "", "/r/ztahooks.yaml": policy, "/r/a/b/c/x.yaml": ""])
        #expect(ProjectLoader.discover(from: "/r/a/b/c", in: source) == "../../../ztahooks.yaml")
        #expect(ProjectLoader.discover(from: "/r", in: source) == "ztahooks.yaml")
    }

    @Test func theSearchStopsAtTheRepositoryRoot() {
        // A worktree's .git is a file; it marks the root all the same.
        let source = FakeFileSource(files: ["/home/ztahooks.yaml": policy, "/home/r/.git": "gitdir: x", "/home/r/a/x.yaml": ""])
        #expect(ProjectLoader.discover(from: "/home/r/a", in: source) == nil)
    }

    @Test func outsideARepositoryOnlyTheCurrentDirectoryCounts() {
        let source = FakeFileSource(files: ["/home/ztahooks.yaml": policy, "/home/a/x.yaml": ""])
        #expect(ProjectLoader.discover(from: "/home/a", in: source) == nil)
        #expect(ProjectLoader.discover(from: "/home", in: source) == "ztahooks.yaml")
    }

    @Test func aFIFOIsFoundButNeverRead() {
        let source = FakeFileSource(files: ["/r/.git/HEAD": ""], others: ["/r/ztahooks.yaml": "a FIFO"])
        let found = ProjectLoader.discover(from: "/r", in: source)
        #expect(found == "ztahooks.yaml")
        let result = ProjectLoader.load(path: "/r/ztahooks.yaml", from: source)
        #expect(result.project == nil)
        #expect(result.diagnostics.map(\.description) == ["/r/ztahooks.yaml:1:1: error: not a regular file (a FIFO); not read"])
    }

    @Test func aConfigFileThatIsMissingOrADirectoryIsAnError() {
        let source = FakeFileSource(files: ["conf/x.yaml": ""])
        #expect(ProjectLoader.load(path: "nope.yaml", from: source).diagnostics.map(\.description)
            == ["nope.yaml:1:1: error: no such project file"])
        #expect(ProjectLoader.load(path: "conf", from: source).diagnostics.first?.message == "the project file is a directory")
    }

    @Test func aDirectorySearchPassesTheProjectFileBy() async {
        let source = FakeFileSource(files: [
            "repo/ztahooks.yaml": policy,
            "repo/sites/a.yaml": "site: s1\nwebhooks:\n  - name: a\n    url: https://h.example.com/a\n    events: [goal]\n",
        ])
        let result = await SiteLoader.load(paths: ["repo"], from: source)
        #expect(result.diagnostics.isEmpty)
        #expect(result.fileCount == 1)
        // Named as a PATH, a file is read whatever its name.
        #expect(await SiteLoader.load(paths: ["repo/ztahooks.yaml"], from: source).fileCount == 1)
    }
}
