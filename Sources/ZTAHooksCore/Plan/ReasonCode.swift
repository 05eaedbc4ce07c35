/// A stable, machine-readable name for each of the plan's reasons, flags and notes, written into
/// the plan JSON beside the English text: scripts key on the code, people read the text, and the
/// text may be reworded without breaking either.
public enum ReasonCode: String, Hashable, Sendable, Codable, CaseIterable {
    case notLive = "not-live"
    case eventsChanged = "events-changed"
    case disabled = "disabled"
    case lostInFlight = "lost-in-flight"
    case lostInFlightUnwanted = "lost-in-flight-unwanted"
    case duplicate = "duplicate"
    case notDeclared = "not-declared"
    case rotationRequested = "rotation-requested"
    case secretUnknown = "secret-unknown"
    case adoptedSecret = "adopted-secret"
    case descriptionChanged = "description-changed"
    /// Text this version does not recognise (a saved plan from a newer version, say).
    case other = "other"

    /// The code of a sentence built by `Reason` (or `Rotation.reason`).
    ///
    /// The plan keeps its reasons as the sentences they have always been (plan files written by
    /// earlier versions decode unchanged), so the code is recovered from the sentence's fixed
    /// part. `Reason` builds every sentence beside this, and a test runs each factory through it.
    public init(classifying text: String) {
        self = Self.patterns.first { $0.pattern.matches(text) }?.code ?? .other
    }

    private enum Pattern {
        case exact(String)
        case prefix(String)
        case contains(String)

        func matches(_ text: String) -> Bool {
            switch self {
            case .exact(let words): text == words
            case .prefix(let words): text.hasPrefix(words)
            case .contains(let words): text.contains(words)
            }
        }
    }

    private static let patterns: [(pattern: Pattern, code: ReasonCode)] = [
        (.exact(Reason.notLive), .notLive),
        (.exact(Reason.lostInFlight), .lostInFlight),
        (.exact(Reason.lostInFlightUnwanted), .lostInFlightUnwanted),
        (.exact(Reason.disabled), .disabled),
        (.exact(Rotation.reason), .rotationRequested),
        (.prefix(Reason.eventsChangedPrefix), .eventsChanged),
        (.prefix(Reason.duplicatePrefix), .duplicate),
        (.prefix(Reason.notDeclaredPrefix), .notDeclared),
        (.prefix(Reason.secretUnknownPrefix), .secretUnknown),
        (.prefix(Reason.adoptedSecretPrefix), .adoptedSecret),
        (.contains(Reason.descriptionChangedMarker), .descriptionChanged),
    ]
}
