import Foundation

/// Which cases a property test runs: `ZTAHOOKS_PROPERTY_SEED` reruns one case, otherwise
/// `ZTAHOOKS_PROPERTY_CASES` cases (default `defaultCases`) from a fresh random start, so that
/// every run explores new cases and a failure names the seed that reproduces it.
struct PropertySeeds: Sequence {
    static let defaultCases = 2_000

    let seeds: [UInt64]

    init(environment: [String: String] = ProcessInfo.processInfo.environment, defaultCases: Int = defaultCases) {
        if let text = environment["ZTAHOOKS_PROPERTY_SEED"], let seed = UInt64(text) {
            seeds = [seed]
            return
        }
        let count = environment["ZTAHOOKS_PROPERTY_CASES"].flatMap(Int.init).map { Swift.max(1, $0) } ?? defaultCases
        var start = PropertyRandom(seed: UInt64.random(in: 0...UInt64.max))
        seeds = (0..<count).map { _ in start.next() }
    }

    func makeIterator() -> IndexingIterator<[UInt64]> { seeds.makeIterator() }
}
