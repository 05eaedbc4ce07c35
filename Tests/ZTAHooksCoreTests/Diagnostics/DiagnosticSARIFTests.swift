import Foundation
import TestSupport
import Testing
@testable import ZTAHooksCore

/// `validate --format sarif`: a SARIF 2.1.0 log that code scanning accepts, with file, line and
/// column for every diagnostic.
struct DiagnosticSARIFTests {
    static let diagnostics = [
        Diagnostic.error("URL must use HTTPS", at: SourceLocation(file: "sites/shop.yaml", line: 4, column: 10)),
        Diagnostic.error("unknown event type 'PageView'", at: SourceLocation(file: "sites/a b#c.yaml", line: 5, column: 14),
                         hint: "did you mean 'pageview'?"),
        Diagnostic.warning("no webhooks declared", at: SourceLocation(file: "/srv/sites/empty.yaml", line: 2, column: 11)),
        Diagnostic.error("the file is empty", at: SourceLocation(file: "sites/empty.yml", line: 0, column: 0)),
    ]

    static var sarif: String {
        DiagnosticPrinter(format: .sarif).render(diagnostics, summary: DiagnosticSummary(diagnostics, files: 4, webhooks: 1))
    }

    static let schemaPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Schemas/sarif-schema-2.1.0.json").path

    @Test func everyDiagnosticIsAResultWithFileLineAndColumn() throws {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(Self.sarif.utf8)) as? [String: Any])
        #expect(root["version"] as? String == "2.1.0")
        #expect(root["$schema"] as? String == DiagnosticSARIFReport.schema)
        let runs = try #require(root["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "ztahooks")
        let results = try #require(runs[0]["results"] as? [[String: Any]])
        #expect(results.count == Self.diagnostics.count)
        var seen: [String] = []
        for result in results {
            let message = try #require((result["message"] as? [String: Any])?["text"] as? String)
            let physical = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            let uri = try #require((physical["artifactLocation"] as? [String: Any])?["uri"] as? String)
            let region = try #require(physical["region"] as? [String: Any])
            let line = try #require(region["startLine"] as? Int)
            let column = try #require(region["startColumn"] as? Int)
            seen.append("\(uri):\(line):\(column): \(result["level"] as? String ?? "?"): \(message)")
            #expect(result["ruleId"] as? String == "ztahooks/site-file")
        }
        #expect(seen == [
            "sites/shop.yaml:4:10: error: URL must use HTTPS",
            "sites/a%20b%23c.yaml:5:14: error: unknown event type 'PageView' (did you mean 'pageview'?)",
            "file:///srv/sites/empty.yaml:2:11: warning: no webhooks declared",
            // A whole-file diagnostic points at the file's start: SARIF counts from 1.
            "sites/empty.yml:1:1: error: the file is empty",
        ])
    }

    @Test func anEmptyRunIsStillAValidLog() throws {
        let sarif = DiagnosticPrinter(format: .sarif).render([], summary: DiagnosticSummary([], files: 1, webhooks: 1))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        #expect(((root["runs"] as? [[String: Any]])?.first?["results"] as? [Any])?.isEmpty == true)
    }

    /// Validated against the OASIS schema vendored in Tests/Schemas, by check-jsonschema (PyPI),
    /// formats included; the test runs where check-jsonschema is installed, as in CI.
    @Test(.enabled(if: CheckJSONSchema.path != nil, "check-jsonschema is not installed"))
    func theLogValidatesAgainstTheSARIFSchema() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sarif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("validate.sarif")
        try Data(Self.sarif.utf8).write(to: good)
        let check = try await CheckJSONSchema.run(schema: Self.schemaPath, file: good.path)
        #expect(check.status == 0, "\(check.output)")

        // And the check can fail: a result without its message is not SARIF.
        let broken = directory.appendingPathComponent("broken.sarif")
        try Data(Self.sarif.replacingOccurrences(of: "\"message\"", with: "\"note\"").utf8).write(to: broken)
        #expect(try await CheckJSONSchema.run(schema: Self.schemaPath, file: broken.path).status != 0)
    }
}

/// The `check-jsonschema` command, found on PATH.
enum CheckJSONSchema {
    static let path: String? = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return directories.map { "\($0)/check-jsonschema" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static func run(schema: String, file: String) async throws -> (status: Int32, output: String) {
        let run = try await ChildProcess.run(URL(fileURLWithPath: try #require(path)), ["--schemafile", schema, file])
        return (run.status, run.stdout + run.stderr)
    }
}
