import Foundation
import Testing

/// The fuzz targets, built without the fuzzer, replay their seeds (past findings among them)
/// through the same invariants, so a regression of a fixed finding fails the normal suite too.
struct FuzzReplayTests {
    @Test(arguments: ["FuzzSiteFile", "FuzzAPIResponse", "FuzzSecretsFile", "FuzzReceiverLibrary"])
    func replaysItsSeedsWithoutAFailure(_ target: String) throws {
        let seeds = BinaryRunner.packageRoot.appendingPathComponent("Tests/Fuzz/Seeds/\(target)")
        let count = try FileManager.default.contentsOfDirectory(atPath: seeds.path).count
        let process = Process()
        process.executableURL = BinaryRunner.binaryURL.deletingLastPathComponent().appendingPathComponent(target)
        process.arguments = [seeds.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(count > 0)
        #expect(process.terminationStatus == 0)
        #expect(output == "replayed \(count) inputs without a failure\n")
    }
}
