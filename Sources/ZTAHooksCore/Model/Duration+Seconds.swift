import Foundation

extension Duration {
    /// The duration in seconds, as a floating-point number.
    var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// Seconds to one decimal, as messages show them: `3.1`.
    var tenthsText: String { String(format: "%.1f", inSeconds) }
}
