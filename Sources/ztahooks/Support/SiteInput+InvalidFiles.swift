import ZTAHooksCore

extension SiteInput {
    /// Files with an error: their sites are not checked, and the report says so.
    var invalidFiles: [String] {
        Array(Set(diagnostics.filter { $0.severity == .error }.map(\.location.file))).sorted()
    }
}
