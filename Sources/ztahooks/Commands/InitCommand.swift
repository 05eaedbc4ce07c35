import ArgumentParser
import Foundation
import ZTAHooksCore

/// `ztahooks init`: a new sites repository, ready for its first plan.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Scaffold a sites repository: project file, sites/, schemas, .gitignore lines, CI files.",
        discussion: """
            Writes into DIR (default: the current directory, created when missing): ztahooks.yaml \
            (paths: [sites], a commented allowedHosts template), sites/example.yaml (with the \
            schema modeline that editors read), schemas/ (the JSON Schemas of both files), the \
            .gitignore lines that keep .ztahooks/ out of git but for the sealed secrets file CI \
            commits back (added to an existing .gitignore, whose lines are kept), and with --ci the \
            workflow files that use the ztahooks GitHub Action or GitLab component. --import \
            SITE_ID imports those live sites into sites/ instead of the example (as `ztahooks \
            import` does; it needs the API, or --sandbox). Never overwrites: when a file exists it \
            names it, writes nothing and exits 3. Ends with the exact next steps. Exit codes: 0 \
            done; 1 a file could not be written or an import failed; 3 refused, a file exists; 64 usage.

            Examples:
              ztahooks init acme-webhooks --ci github
              ztahooks init --ci gitlab --import site_abc123 --import site_def456
              ztahooks init --dry-run
            """
    )

    @Argument(help: ArgumentHelp("The repository's directory. Default: the current directory.", valueName: "dir"))
    var directory: String = "."

    @Option(help: ArgumentHelp("CI files to write: github (three workflows), gitlab (.gitlab-ci.yml) or none.", valueName: "ci"))
    var ci: ProjectScaffold.CI = .none

    @Option(name: .customLong("import"), parsing: .upToNextOption,
            help: ArgumentHelp("Live sites to import into sites/ instead of the example (repeatable).", valueName: "site-id"))
    var imports: [String] = []

    @Flag(name: .customLong("dry-run"), help: "List the files init would write; write nothing.")
    var dryRun = false

    @OptionGroup var api: APIOptions

    func validate() throws {
        for site in imports where !SiteFormat.isValidSiteID(site) {
            throw ValidationError("--import '\(site.displaySafe)' is not a site ID (letters, digits, '_' and '-', at most \(SiteFormat.siteMaxLength))")
        }
    }

    func run() async throws {
        let files = ProjectScaffold.files(ci: ci, withExample: imports.isEmpty)
        let root = directory == "." ? "" : (directory.hasSuffix("/") ? directory : directory + "/")
        let fileManager = FileManager.default
        let existing = files.filter { !$0.appendable && fileManager.fileExists(atPath: root + $0.path) }.map { root + $0.path }
            + (imports.isEmpty ? [] : imports.map { root + "sites/\($0).yaml" }.filter { fileManager.fileExists(atPath: $0) })
        if !existing.isEmpty {
            for path in existing { StandardError.write("refused: \(path.displaySafe) exists, and init never overwrites a file\n") }
            StandardError.write("Nothing was written. Move those files away, or pick another directory.\n")
            throw ExitCode(ExitStatus.refused.rawValue)
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
            throw ExitCode(ExitStatus.failure.rawValue)
        }
        for path in written { StandardOutput.write("wrote \(path.displaySafe)\n") }
        if !imports.isEmpty {
            var arguments = ["--out", root + "sites", "--config", root + ProjectFormat.fileName, "--schema", "../schemas/site.schema.json",
                             "--secrets-file", root + ".ztahooks/" + (api.sandbox ? "sandbox-secrets.json" : "secrets.json")]
            arguments += imports.flatMap { ["--site", $0] } + api.arguments
            let command = try ImportCommand.parse(arguments)
            try await command.run()
        }
        StandardOutput.write("\n" + InitNextSteps.text(directory: directory, ci: ci, imported: !imports.isEmpty, sandbox: api.sandbox))
    }
}

extension ProjectScaffold.CI: ExpressibleByArgument {}

/// Creates files without ever replacing one.
enum ScaffoldWriter {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Creates `path` (and its directories); fails when it exists, even if it appeared a moment ago.
    static func create(_ path: String, text: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw Failure(description: errno == EEXIST ? "\(path) appeared while init ran; it was left as it is"
                : "cannot create \(path): \(FileOpenProblem.describe(errno: errno, path: path))")
        }
        defer { close(descriptor) }
        try write(text, to: descriptor, path: path)
    }

    /// Appends to an existing file (the `.gitignore` lines), after a line break if it lacks one.
    static func append(_ text: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(description: "cannot add to \(path): \(FileOpenProblem.describe(errno: errno, path: path))") }
        defer { close(descriptor) }
        let existing = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        try write((existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n") + text, to: descriptor, path: path)
    }

    private static func write(_ text: String, to descriptor: Int32, path: String) throws {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))") }
            offset += count
        }
    }
}
