import ArgumentParser
import ZTAHooksCore

/// `ztahooks validate`: checks site files offline, every problem in one run.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check site files offline.",
        discussion: """
            Reports every problem at once as FILE:LINE:COLUMN: error: MESSAGE, then a summary. \
            Directories are searched recursively for *.yaml and *.yml (hidden ones skipped). \
            Exit status: 0 when valid (warnings allowed), 1 when any file has an error, 64 on bad usage.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, github
    }

    @Argument(help: "Site files or directories. Default: the current directory.")
    var paths: [String] = []

    @Option(help: "Output: text, json, or github (workflow commands that annotate pull requests).")
    var format: Format = .text

    @OptionGroup var config: ProjectOptions

    func run() throws {
        let result = SiteInput.read(paths: paths, project: config.load(), announce: format == .text)
        switch format {
        case .text:
            StandardOutput.write(ValidationReport.text(result, color: Terminal.current().colorOnStdout))
        case .json:
            StandardOutput.write(ValidationReport.json(result))
        case .github:
            StandardOutput.write(ValidationReport.github(result))
        }
        if !result.isValid { throw ExitCode(ExitStatus.failure.rawValue) }
    }
}
