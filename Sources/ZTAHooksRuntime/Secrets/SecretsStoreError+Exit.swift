import ZTAHooksCore

extension SecretsStoreError {
    /// Says the error on standard error and gives the exit code: a lock held by another run, or a
    /// file of another API, is a refusal (3, nothing was changed), anything else a failure (1).
    public func reported() -> CommandExit {
        if isRefusal {
            let nothing = if case .boundToAnotherAPI = self { "Nothing was sent to it." } else { "Nothing was changed." }
            StandardError.write("refused: \(message). \(nothing)\n")
            return CommandExit(.refused)
        }
        StandardError.write("error: \(message)\n")
        return CommandExit(.failure)
    }
}
