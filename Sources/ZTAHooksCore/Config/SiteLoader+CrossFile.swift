extension SiteLoader {
    /// The same site declared in two files: an error in each, naming the others.
    static func duplicateSiteDiagnostics(_ locations: [String: [SourceLocation]]) -> (diagnostics: [Diagnostic], sites: Set<String>) {
        var diagnostics: [Diagnostic] = []
        var sites: Set<String> = []
        for (site, places) in locations where places.count > 1 {
            sites.insert(site)
            for place in places {
                let others = places.filter { $0 != place }
                    .map { "\($0.file):\($0.line):\($0.column)" }
                    .joined(separator: ", ")
                diagnostics.append(.error(
                    "site '\(site)' is also declared in \(others)", at: place,
                    hint: "keep each site in exactly one file"
                ))
            }
        }
        return (diagnostics, sites)
    }
}
