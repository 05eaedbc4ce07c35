import Testing
@testable import ZTAHooksCore

struct ChangedSiteFilesTests {
    private func nameStatus(_ fields: [String]) -> [UInt8] {
        Array(fields.joined(separator: "\0").utf8) + [0]
    }

    @Test func gitsNameStatusIsReadWithRenamesAndOddNames() {
        let changes = FileChange.parse(nameStatus: nameStatus([
            "M", "sites/a.yaml", "A", "sites/new file.yaml", "D", "sites/gone.yaml", "R087", "sites/old.yaml", "sites/moved.yaml",
            "C100", "sites/a.yaml", "sites/copy.yaml", "T", "sites/typechange.yaml",
        ]), root: "/repo")
        #expect(changes == [
            FileChange(path: "/repo/sites/a.yaml", kind: .modified),
            FileChange(path: "/repo/sites/new file.yaml", kind: .added),
            FileChange(path: "/repo/sites/gone.yaml", kind: .deleted),
            FileChange(path: "/repo/sites/moved.yaml", kind: .renamed(from: "/repo/sites/old.yaml")),
            FileChange(path: "/repo/sites/copy.yaml", kind: .added),
            FileChange(path: "/repo/sites/typechange.yaml", kind: .modified),
        ])
        // Output cut short gives what was whole.
        #expect(FileChange.parse(nameStatus: Array("M\0sites/a.yaml\0R100\0x".utf8), root: "/r").count == 1)
    }

    @Test func onlySiteFilesUnderThePathsAreChosenAndDeletionsNamed() {
        let changes = [
            FileChange(path: "/repo/sites/a.yaml", kind: .modified),
            FileChange(path: "/repo/sites/team/b.yml", kind: .added),
            FileChange(path: "/repo/sites/readme.md", kind: .modified),
            FileChange(path: "/repo/sites/.hidden/c.yaml", kind: .added),
            FileChange(path: "/repo/other/d.yaml", kind: .modified),
            FileChange(path: "/repo/sites-old/e.yaml", kind: .modified),
            FileChange(path: "/repo/sites/gone.yaml", kind: .deleted),
            FileChange(path: "/repo/sites/moved.yaml", kind: .renamed(from: "/repo/sites/was.yaml")),
            FileChange(path: "/repo/outside.yaml", kind: .renamed(from: "/repo/sites/left.yaml")),
        ]
        let selection = ChangedSiteFiles.select(changes, under: ["/repo/sites"], projectFile: "/repo/ztahooks.yaml")
        #expect(!selection.everything)
        #expect(selection.files == ["/repo/sites/a.yaml", "/repo/sites/moved.yaml", "/repo/sites/team/b.yml"])
        #expect(selection.deleted == ["/repo/sites/gone.yaml", "/repo/sites/left.yaml", "/repo/sites/was.yaml"])
        // A file named as a path counts whatever its name.
        let named = ChangedSiteFiles.select([FileChange(path: "/repo/site.txt", kind: .modified)], under: ["/repo/site.txt"], projectFile: nil)
        #expect(named.files == ["/repo/site.txt"])
    }

    @Test func aChangedProjectFileMeansEverySite() {
        for change in [FileChange(path: "/repo/ztahooks.yaml", kind: .modified),
                       FileChange(path: "/repo/ztahooks-new.yaml", kind: .renamed(from: "/repo/ztahooks.yaml"))] {
            #expect(ChangedSiteFiles.select([change], under: ["/repo/sites"], projectFile: "/repo/ztahooks.yaml").everything)
        }
        #expect(!ChangedSiteFiles.select([FileChange(path: "/repo/sites/ztahooks.yaml", kind: .modified)], under: ["/repo/sites"],
                                         projectFile: "/repo/ztahooks.yaml").everything)
    }
}
