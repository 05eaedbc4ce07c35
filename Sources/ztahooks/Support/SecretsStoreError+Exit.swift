import ArgumentParser
import ZTAHooksCore

extension SecretsStoreError {
    /// Says the error on standard error and gives the exit code: a lock held by another run is a
    /// refusal (3, nothing was changed and running later works), anything else a failure (1).
    func reported() -> ExitCode {
        if case .locked = self {
            StandardError.write("refused: \(message). Nothing was changed.\n")
            return ExitCode(ExitStatus.refused.rawValue)
        }
        StandardError.write("error: \(message)\n")
        return ExitCode(ExitStatus.failure.rawValue)
    }
}
