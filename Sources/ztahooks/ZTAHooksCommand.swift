import ArgumentParser
import ZTAHooksCore
import ZTAHooksRuntime
import ZTAReceiver

@main
struct ZTAHooksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ztahooks",
        abstract: "Webhooks as code for Zero Trust Analytics.",
        discussion: """
            Keep a site's ZTA webhooks in git, one YAML file per site: validate them offline, \
            plan the change against the live API, apply it, and watch for drift.
            """,
        version: BuildInfo.versionLine,
        subcommands: [
            InitCommand.self,
            DoctorCommand.self,
            ValidateCommand.self,
            SchemaCommand.self,
            PlanCommand.self,
            ApplyCommand.self,
            RotateCommand.self,
            ImportCommand.self,
            ListCommand.self,
            SecretsCommand.self,
            DriftCommand.self,
            VerifyCommand.self,
            SimCommand.self,
            TriggerCommand.self,
            ListenCommand.self,
        ]
    )

    /// Parses and runs a command, as swift-argument-parser's own entry point does, and maps how the
    /// libraries end a command: a status already explained, or bad usage found while running.
    /// `listen --inspect` with no port means the inspector's default port: the parser wants a value
    /// after an option, so the default is put in before it parses.
    static func main() async {
        AllocatorTuning.apply()
        do {
            var command = try await asyncParseAsRoot(ListenCommand.withInspectPort(Array(CommandLine.arguments.dropFirst())))
            if var command = command as? AsyncParsableCommand {
                try await run(&command)
            } else {
                try command.run()
            }
        } catch let end as CommandExit {
            exit(withError: ExitCode(end.status.rawValue))
        } catch let usage as UsageError {
            exit(withError: ValidationError(usage.message))
        } catch {
            exit(withError: error)
        }
    }
}

extension ResultFormat: ExpressibleByArgument {}
extension ProjectScaffold.CI: ExpressibleByArgument {}
extension PlanRun.Format: ExpressibleByArgument {}
extension DriftRun.Format: ExpressibleByArgument {}
extension DiagnosticPrinter.Format: ExpressibleByArgument {}
extension ConcurrencySetting: ExpressibleByArgument {}

/// Text or JSON, for the commands that offer both.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

extension UsageError {
    /// The same words as a usage error of the command line, for a check inside `validate()`.
    var validation: ValidationError { ValidationError(message) }
}
