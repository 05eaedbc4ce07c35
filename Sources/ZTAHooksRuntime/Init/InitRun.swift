import Foundation
import ZTAHooksCore

/// `ztahooks init`: a new sites repository, ready for its first plan; never overwrites a file.
public struct InitRun: Sendable {
    public var directory: String
    public var ci: ProjectScaffold.CI
    /// Live sites to import into `sites/` instead of the example.
    public var imports: [String]
    public var dryRun: Bool

    public init(directory: String, ci: ProjectScaffold.CI, imports: [String], dryRun: Bool) {
        self.directory = directory
        self.ci = ci
        self.imports = imports
        self.dryRun = dryRun
    }

    public func run(api: APISettings) async throws {
        let files = ProjectScaffold.files(ci: ci, withExample: imports.isEmpty)
        let root = directory == "." ? "" : (directory.hasSuffix("/") ? directory : directory + "/")
        let fileManager = FileManager.default
        let existing = files.filter { !$0.appendable && fileManager.fileExists(atPath: root + $0.path) }.map { root + $0.path }
            + (imports.isEmpty ? [] : imports.map { root + "sites/\($0).yaml" }.filter { fileManager.fileExists(atPath: $0) })
        if !existing.isEmpty {
            for path in existing { StandardError.write("refused: \(path.displaySafe) exists, and init never overwrites a file\n") }
            StandardError.write("Nothing was written. Move those files away, or pick another directory.\n")
            throw CommandExit(.refused)
        }
        let gitignore = (try? String(contentsOfFile: root + ".gitignore", encoding: .utf8)).map(ProjectScaffold.missingGitignoreLines)
        if dryRun {
            for file in files where !file.appendable { StandardOutput.write("would write \((root + file.path).displaySafe)\n") }
            for site in imports { StandardOutput.write("would import \(site) into \((root + "sites/\(site).yaml").displaySafe)\n") }
            StandardOutput.write(gitignore.map { "would add \($0.count) line\($0.count == 1 ? "" : "s") to \((root + ".gitignore").displaySafe)\n" }
                ?? "would write \((root + ".gitignore").displaySafe)\n")
            return
        }
        var written: [String] = []
        do {
            for file in files {
                let path = root + file.path
                if file.appendable, let missing = gitignore {
                    guard !missing.isEmpty else { continue }
                    try ScaffoldWriter.append(missing.joined(separator: "\n") + "\n", to: path)
                } else {
                    try ScaffoldWriter.create(path, text: file.text)
                }
                written.append(path)
            }
        } catch {
            StandardError.write("error: \(error)\n")
            StandardError.write("Written before that: \(written.isEmpty ? "nothing" : written.joined(separator: ", ").displaySafe).\n")
            throw CommandExit(.failure)
        }
        for path in written { StandardOutput.write("wrote \(path.displaySafe)\n") }
        if !imports.isEmpty {
            // As `ztahooks import --out DIR/sites --config DIR/ztahooks.yaml --site ...` would, with this run's API.
            let secrets = SecretsSettings(secretsFile: root + ".ztahooks/" + (api.sandbox ? "sandbox-secrets.json" : "secrets.json"))
            try await ImportRun(paths: [], siteIDs: imports, outDirectory: root + "sites", force: false, dryRun: false,
                                schemaReference: "../schemas/site.schema.json")
                .run(configFile: root + ProjectFormat.fileName, api: api, secrets: secrets)
        }
        StandardOutput.write("\n" + InitNextSteps.text(directory: directory, ci: ci, imported: !imports.isEmpty, sandbox: api.sandbox))
    }
}
