/// Parses `--token TOKEN:SITE,SITE...` values into the token table of `SimOptions`.
public enum SimTokenSpec {
    /// A value that is not `TOKEN:SITE[,SITE...]`; it never repeats the value, which holds a token.
    public struct Invalid: Error, Equatable, CustomStringConvertible {
        /// 1-based position among the `--token` values.
        public var position: Int

        public init(position: Int) {
            self.position = position
        }

        public var description: String {
            "--token value #\(position) must look like TOKEN:SITE[,SITE...] (a token, a colon, then site IDs separated by commas)"
        }
    }

    /// Merges all values; a token given twice owns the union of its sites.
    public static func parse(_ values: [String]) throws(Invalid) -> [String: Set<String>] {
        var tokens: [String: Set<String>] = [:]
        for (index, value) in values.enumerated() {
            guard let colon = value.firstIndex(of: ":") else { throw Invalid(position: index + 1) }
            let token = String(value[..<colon])
            let sites = value[value.index(after: colon)...].split(separator: ",", omittingEmptySubsequences: false).map {
                String($0).trimmingCharacters(in: .whitespaces)
            }
            guard !token.isEmpty, !token.contains(where: \.isWhitespace), !sites.isEmpty,
                !sites.contains(where: \.isEmpty)
            else { throw Invalid(position: index + 1) }
            tokens[token, default: []].formUnion(sites)
        }
        return tokens
    }
}
