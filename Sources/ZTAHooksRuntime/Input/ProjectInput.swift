import Foundation
import ZTAHooksCore

/// The project file a command runs under: the one `--config` names, else `ztahooks.yaml` searched
/// for from the current directory up to the repository root.
public enum ProjectInput {
    /// The project file, its problems as diagnostics (printed with the site files'), or `.none`.
    public static func load(configFile: String?) -> ProjectLoadResult {
        let source = LocalFileSource()
        if let configFile { return ProjectLoader.load(path: configFile, from: source) }
        guard let found = ProjectLoader.discover(from: FileManager.default.currentDirectoryPath, in: source) else {
            return .none
        }
        return ProjectLoader.load(path: found, from: source)
    }

    /// The project file for a command that reads no site files through `SiteInput`: its problems
    /// are printed here, and an error ends the command before anything is done.
    public static func loadValid(configFile: String?, terminal: Terminal) throws(CommandExit) -> ProjectLoadResult {
        let result = load(configFile: configFile)
        let printer = DiagnosticPrinter(color: terminal.colorOnStderr)
        for diagnostic in result.diagnostics {
            StandardError.write(printer.line(for: diagnostic) + "\n")
        }
        if result.diagnostics.hasErrors {
            StandardError.write("error: the project file has errors (above); fix them first. Nothing was changed.\n")
            throw CommandExit(.failure)
        }
        return result
    }
}

/// The settings every command that reaches the API shares, with the project file's defaults:
/// its `concurrency`, and its `secretsFile` unless `--sandbox`.
public struct CommandContext: Sendable {
    public var terminal: Terminal
    public var project: ProjectLoadResult
    public var api: APISettings
    public var secrets: SecretsSettings

    public init(configFile: String?, api: APISettings, secrets: SecretsSettings) {
        terminal = Terminal.current()
        project = ProjectInput.load(configFile: configFile)
        self.api = api.defaulted(by: project.project)
        self.secrets = secrets.defaulted(by: project.project, sandbox: self.api.sandbox)
    }
}
