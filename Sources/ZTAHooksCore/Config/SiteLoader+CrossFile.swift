extension SiteLoader {
    /// The same site declared in two files: an error in each, naming the others.
    ///
    /// - Parameters:
    ///   - valid: the sites of the valid files;
    ///   - places: where each of them writes its site ID;
    ///   - invalid: the `site:` of each file with errors.
    ///
    /// Sorted by site rather than gathered in a table, and read where they are rather than
    /// copied: a table of 100,000 sites, each with its own array of places, was 15 MB at the
    /// load's peak, for the rare duplicate.
    static func duplicateSiteDiagnostics(
        _ valid: [SiteFile], at places: [SourcePlace], _ invalid: [SiteLoadResult.Declaration]
    ) -> (diagnostics: [Diagnostic], sites: Set<String>) {
        func site(_ index: Int) -> String { index < valid.count ? valid[index].site : invalid[index - valid.count].site }
        func place(_ index: Int) -> SourceLocation {
            index < valid.count ? SourceLocation(file: valid[index].path, place: places[index]) : invalid[index - valid.count].location
        }
        var diagnostics: [Diagnostic] = []
        var sites: Set<String> = []
        let order = (0..<(valid.count + invalid.count)).sorted { (site($0), $0) < (site($1), $1) }
        var start = 0
        while start < order.count {
            let id = site(order[start])
            var end = start + 1
            while end < order.count, site(order[end]) == id { end += 1 }
            defer { start = end }
            guard end - start > 1 else { continue }
            sites.insert(id)
            let places = order[start..<end].map(place).sorted()
            for here in places {
                let others = places.filter { $0 != here }
                    .map { "\($0.file):\($0.line):\($0.column)" }
                    .joined(separator: ", ")
                diagnostics.append(.error(
                    "site '\(id)' is also declared in \(others)", at: here,
                    hint: "keep each site in exactly one file"
                ))
            }
        }
        return (diagnostics, sites)
    }
}
