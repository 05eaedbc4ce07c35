import ZTAHooksCore

extension APIOptions {
    /// Sites fetched or applied at once when neither `--concurrency` nor the project file says.
    static let defaultConcurrency = 8

    /// The concurrency in effect: the flag, then the project file, then the default.
    var sitesAtOnce: Int { concurrency ?? Self.defaultConcurrency }

    /// These options with the project file's `concurrency` where the flag was not given.
    func defaulted(by project: ProjectFile?) -> APIOptions {
        var options = self
        if options.concurrency == nil { options.concurrency = project?.concurrency }
        return options
    }
}
