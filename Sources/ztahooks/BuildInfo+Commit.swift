// `scripts/package` rewrites this line with the commit it builds (`git rev-parse`, with `-dirty`
// when tracked files differ from it) and puts the file back afterwards; every other build says
// "unknown commit". A rewritten file rather than a `-D` flag: flags passed with `-Xswiftc` reach
// every dependency too, so a stamped build would recompile all of them.
extension BuildInfo {
    /// The commit this binary was built from, when `scripts/package` built it.
    static let commit: String? = nil
}
