import ArgumentParser

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
}
