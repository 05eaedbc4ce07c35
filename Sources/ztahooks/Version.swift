/// What `ztahooks --version` reports: the release version and the commit the binary was built from.
enum BuildInfo {
    /// The release version. `scripts/package` names the tarball after it; bump it for a release.
    static let version = "0.1.0"

    /// One line: `0.1.0 (commit 1a2b3c4d5e6f)`, or `0.1.0 (unknown commit)` for a build that
    /// `scripts/package` did not stamp (a plain `swift build`, `swift run`).
    static var versionLine: String {
        "\(version) (\(commit.map { "commit \($0)" } ?? "unknown commit"))"
    }
}
