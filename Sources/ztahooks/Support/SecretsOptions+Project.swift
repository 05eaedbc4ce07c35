import Foundation
import ZTAHooksCore

extension SecretsOptions {
    /// These options with the project file's `secretsFile` where neither `--secrets-file` nor
    /// `ZTA_SECRETS_FILE` names one. With `--sandbox` the project's file is not used: it holds
    /// real webhooks' secrets, and a sandbox apply would drop them as gone.
    func defaulted(
        by project: ProjectFile?, sandbox: Bool, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> SecretsOptions {
        var options = self
        let fromEnvironment = environment["ZTA_SECRETS_FILE"].map { !$0.isEmpty } ?? false
        if options.secretsFile == nil, !fromEnvironment, !sandbox, let path = project?.secretsFilePath {
            options.secretsFile = path
        }
        return options
    }
}

extension Optional where Wrapped == ProjectFile {
    /// `retiredKeep` of the project file, or the default of 30 days.
    var retiredKeepDuration: Duration { .seconds(self?.retiredKeep ?? ProjectFile.defaultRetiredKeep) }
}
