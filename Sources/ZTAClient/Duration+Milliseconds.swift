extension Duration {
    /// Whole milliseconds, rounded down: how log lines and spans give a request's times.
    var wholeMilliseconds: Int {
        Int(components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000)
    }
}
