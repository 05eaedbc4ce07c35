/// SplitMix64: tiny, fast and fully determined by its seed, so a seeded run repeats exactly.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        self.state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The emulator's source of randomness: seeded and repeatable, or the system's generator.
struct SimRandom: RandomNumberGenerator, Sendable {
    private var seeded: SplitMix64?
    private var system = SystemRandomNumberGenerator()

    init(seed: UInt64?) {
        self.seeded = seed.map(SplitMix64.init(seed:))
    }

    mutating func next() -> UInt64 {
        if seeded != nil {
            return seeded!.next()
        }
        return system.next()
    }

    /// True with probability `p`; certain outcomes draw nothing, so they do not shift a seeded sequence.
    mutating func chance(_ p: Double) -> Bool {
        if p <= 0 { return false }
        if p >= 1 { return true }
        return Double.random(in: 0..<1, using: &self) < p
    }

    /// A random string over `alphabet`.
    mutating func string(length: Int, alphabet: [Character]) -> String {
        String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &self)] })
    }

    static let lowercaseAlphanumerics = Array("0123456789abcdefghijklmnopqrstuvwxyz")
    static let base62 = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    /// A webhook id like the API's: `wh_` and 24 characters.
    mutating func webhookID() -> String {
        "wh_" + string(length: 24, alphabet: Self.lowercaseAlphanumerics)
    }

    /// A delivery id for the emulator's log: `dlv_` and 24 characters.
    mutating func deliveryID() -> String {
        "dlv_" + string(length: 24, alphabet: Self.lowercaseAlphanumerics)
    }

    /// A signing secret: `whsec_` and 32 base62 characters (about 190 bits).
    mutating func webhookSecret() -> String {
        "whsec_" + string(length: 32, alphabet: Self.base62)
    }
}
