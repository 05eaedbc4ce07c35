import Foundation

/// A webhook's signing secret (`whsec_…`), wrapped so that printing or logging it, by mistake or
/// through string interpolation, shows `<redacted>` instead.
public struct WebhookSecret: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The secret itself; pass it to ``WebhookSignature`` and nowhere else.
    public let value: String

    /// Wraps a secret, e.g. one read from an environment variable.
    public init(_ value: String) {
        self.value = value
    }

    /// `WebhookSecret(<redacted>)`: the secret itself is never printed.
    public var description: String { "WebhookSecret(<redacted>)" }
    /// The same as ``description``, so that debugging output shows no secret either.
    public var debugDescription: String { description }
}

extension WebhookSignature {
    /// Verifies with a secret from ``WebhookSecrets``, as the `String` variant does.
    public static func verify<Body: DataProtocol>(body: Body, header: String?, secret: WebhookSecret) -> Result {
        verify(body: body, header: header, secret: secret.value)
    }
}
