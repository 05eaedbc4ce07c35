import ArgumentParser
import ZTAHooksCore
import ZTAHooksRuntime

/// `ztahooks validate`: checks site files offline, every problem in one run.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check site files offline.",
        discussion: """
            Reports every problem at once as FILE:LINE:COLUMN: error: MESSAGE, then a summary. \
            Directories are searched recursively for *.yaml and *.yml (hidden ones skipped). \
            Exit status: 0 when valid (warnings allowed), 1 when any file has an error, 64 on bad usage.

            Examples:
              ztahooks validate sites/
              ztahooks validate --format github sites/   # annotations on the pull request
              ztahooks validate --format sarif sites/ > ztahooks.sarif   # for code scanning
            """
    )

    @Argument(help: ArgumentHelp("Site files or directories. Default: the current directory.", valueName: "path"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("Output: text, json, github (workflow commands that annotate pull requests) or sarif (SARIF 2.1.0 for code scanning).",
                         valueName: "format"))
    var format: DiagnosticPrinter.Format = .text

    @OptionGroup var config: ProjectOptions

    func run() async throws {
        let (result, _) = await SiteInput.read(paths: paths, project: ProjectInput.load(configFile: config.file), announce: format == .text)
        let printer = DiagnosticPrinter(format: format, color: Terminal.current().colorOnStdout)
        StandardOutput.write(printer.render(result.diagnostics, summary: result.summary))
        if !result.isValid { throw ExitCode(ExitStatus.failure.rawValue) }
    }
}
