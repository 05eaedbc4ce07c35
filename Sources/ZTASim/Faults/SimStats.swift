/// Counts API requests by method and outcome, so tests can assert things like "no POST was repeated".
///
/// The outcome is the status code, or `dropped` when the connection was closed instead of answering.
/// Control requests under `/_sim/` are not counted.
public actor SimStats {
    public struct Snapshot: Codable, Sendable, Equatable {
        public var total: Int
        /// Method, then status code (or `dropped`), then count.
        public var requests: [String: [String: Int]]

        public init(total: Int, requests: [String: [String: Int]]) {
            self.total = total
            self.requests = requests
        }
    }

    private var counts: [String: [String: Int]] = [:]

    public init() {}

    func record(method: String, outcome: String) {
        counts[method, default: [:]][outcome, default: 0] += 1
    }

    /// How many requests with this method ended with this status.
    public func count(method: String, status: Int) -> Int {
        counts[method]?[String(status)] ?? 0
    }

    /// How many requests with this method ended with a dropped connection.
    public func dropped(method: String) -> Int {
        counts[method]?["dropped"] ?? 0
    }

    /// All requests with this method, whatever the outcome.
    public func count(method: String) -> Int {
        counts[method]?.values.reduce(0, +) ?? 0
    }

    public var snapshot: Snapshot {
        Snapshot(total: counts.values.flatMap(\.values).reduce(0, +), requests: counts)
    }

    public func reset() {
        counts = [:]
    }
}
