import Foundation
import TestSupport
import Testing

/// The fuzz targets, built without the fuzzer, replay their seeds (past findings among them)
/// through the same invariants, so a regression of a fixed finding fails the normal suite too.
struct FuzzReplayTests {
    @Test(arguments: ["FuzzSiteFile", "FuzzAPIResponse", "FuzzSecretsFile", "FuzzReceiverLibrary"])
    func replaysItsSeedsWithoutAFailure(_ target: String) async throws {
        let seeds = BinaryRunner.packageRoot.appendingPathComponent("Tests/Fuzz/Seeds/\(target)")
        let count = try FileManager.default.contentsOfDirectory(atPath: seeds.path).count
        let run = try await ChildProcess.run(BinaryRunner.binaryURL.deletingLastPathComponent().appendingPathComponent(target), [seeds.path])
        #expect(count > 0)
        #expect(run.status == 0)
        #expect(run.stdout == "replayed \(count) inputs without a failure\n")
    }
}
