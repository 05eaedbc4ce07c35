import Foundation

/// The client's sense of time and chance, injectable so that retry tests run instantly and
/// deterministically.
public struct RetryTiming: Sendable {
    /// Waits between attempts; throws when the task is cancelled.
    public var sleep: @Sendable (Duration) async throws -> Void
    /// A uniform draw in [0, 1) for backoff jitter.
    public var unitRandom: @Sendable () -> Double
    /// The wall clock, for `Retry-After` dates.
    public var now: @Sendable () -> Date

    public init(
        sleep: @escaping @Sendable (Duration) async throws -> Void,
        unitRandom: @escaping @Sendable () -> Double,
        now: @escaping @Sendable () -> Date
    ) {
        self.sleep = sleep
        self.unitRandom = unitRandom
        self.now = now
    }

    /// Real sleeping, system randomness, the system clock.
    public static let live = RetryTiming(
        sleep: { try await Task.sleep(for: $0) },
        unitRandom: { Double.random(in: 0..<1) },
        now: { Date() }
    )
}
