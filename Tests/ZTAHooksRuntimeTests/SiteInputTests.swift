import Foundation
import Testing
@testable import ZTAHooksRuntime

/// Site files read a second time for a saved plan's checksum.
struct SiteInputTests {
    @Test func aFileGoneBeforeItsSecondReadIsSaidToSpoilASavedPlan() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ztahooks-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("site.yaml").path
        try Data("site: site_a\n".utf8).write(to: URL(fileURLWithPath: path))

        var warnings: [String] = []
        #expect(SiteInput.readAgainForChecksum(path) { warnings.append($0) } == Data("site: site_a\n".utf8))
        #expect(warnings.isEmpty)

        try FileManager.default.removeItem(atPath: path)
        #expect(SiteInput.readAgainForChecksum(path) { warnings.append($0) }.isEmpty)
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasPrefix("warning: \(path) changed while it was read (") == true)
        #expect(warnings.first?.hasSuffix("`apply --plan` will refuse it") == true)
    }
}
