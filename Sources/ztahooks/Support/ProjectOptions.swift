import ArgumentParser
import Foundation
import ZTAHooksCore

/// `--config`, on every command that reads site files: which project file holds the policy and
/// the defaults. Without it, `ztahooks.yaml` is searched for from the current directory up to the
/// repository root.
struct ProjectOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: ArgumentHelp(
        "The project file with policy and defaults. Default: ztahooks.yaml in the current directory or the nearest parent up to the repository root.",
        valueName: "file"
    ))
    var file: String?

    /// The project file, its problems as diagnostics (printed with the site files'), or `.none`.
    func load() -> ProjectLoadResult {
        let source = LocalFileSource()
        if let file { return ProjectLoader.load(path: file, from: source) }
        guard let found = ProjectLoader.discover(from: FileManager.default.currentDirectoryPath, in: source) else {
            return .none
        }
        return ProjectLoader.load(path: found, from: source)
    }

    /// The project file for a command that reads no site files through `SiteInput`: its problems
    /// are printed here, and an error ends the command before anything is done.
    func loadValid(terminal: Terminal) throws -> ProjectLoadResult {
        let result = load()
        let printer = DiagnosticPrinter(color: terminal.colorOnStderr)
        for diagnostic in result.diagnostics {
            StandardError.write(printer.line(for: diagnostic) + "\n")
        }
        if result.diagnostics.hasErrors {
            StandardError.write("error: the project file has errors (above); fix them first. Nothing was changed.\n")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
        return result
    }
}
