/// Did-you-mean for misspelt keys and event types.
enum Suggestions {
    /// The candidate closest to `word`, compared case-insensitively with `-` and `_` alike,
    /// when it is near enough to be a typo (at most two edits, and fewer than the word's length).
    static func closest(to word: String, in candidates: [String]) -> String? {
        let folded = fold(word)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(folded, fold(candidate))
            guard distance <= 2, distance < max(candidate.count, 2) else { continue }
            if best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        return best?.candidate
    }

    /// The hint text for an unknown word: a did-you-mean, or the list of what is allowed.
    static func hint(for word: String, in candidates: [String], allowedLabel: String) -> String {
        if let match = closest(to: word, in: candidates) {
            return "did you mean '\(match)'?"
        }
        return "\(allowedLabel): \(candidates.joined(separator: ", "))"
    }

    private static func fold(_ word: String) -> [Character] {
        Array(word.lowercased().map { $0 == "-" ? "_" : $0 })
    }

    /// Optimal string alignment distance: Levenshtein plus adjacent transpositions,
    /// so that `evnets` is one edit from `events`.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Long inputs cannot be near the short candidates; skip the quadratic work.
        if abs(a.count - b.count) > 2 { return abs(a.count - b.count) }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
