extension SiteLoadResult {
    /// The result with the project file's own problems and its policy: a site that breaks the
    /// policy is left out like a site with errors, so that plan skips it and apply refuses.
    public func applying(_ project: ProjectLoadResult) -> SiteLoadResult {
        var result = self
        var added = project.diagnostics
        if let policy = project.project {
            let findings = ProjectPolicy.check(sites, against: policy)
            let failing = Set(findings.filter { $0.severity == .error }.map(\.location.file))
            result.sites.removeAll { failing.contains($0.path) }
            added += findings
            // Files with errors of their own are left out already; their findings are said now.
            added += invalidFileWebhooks.flatMap { ProjectPolicy.check(webhooks: $0, against: policy) }
        }
        guard !added.isEmpty else { return self }
        result.diagnostics = (diagnostics + added).sortedForOutput()
        return result
    }
}
