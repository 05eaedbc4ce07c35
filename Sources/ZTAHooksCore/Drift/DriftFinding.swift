/// One difference between the site files, the live API and the secrets file.
///
/// The kind decides the class, so a finding cannot claim to be `pending` and `deleted` at once.
public struct DriftFinding: Hashable, Sendable {
    /// Who is ahead: git (`pending`), the live API (`out-of-band`), or nobody, because the
    /// webhook itself is unwell (`health`).
    public enum Class: String, Hashable, Sendable, Codable, CaseIterable {
        case pending
        case outOfBand = "out-of-band"
        case health
    }

    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// Declared, never recorded, not live: apply creates it.
        case create
        /// Declared with other events than the live webhook ztahooks recorded: apply replaces it.
        case replace
        /// Live and recorded, no longer declared (or an extra at a declared URL): apply deletes it.
        case delete
        /// Recorded by ztahooks (created or adopted) and no longer live.
        case deleted
        /// Live, and neither the site file nor the secrets file knows it.
        case added
        /// At a declared URL with an id other than the recorded one: replaced by hand.
        case replaced
        /// At a declared URL, and the secrets file has no record of it or of its URL.
        case unrecorded
        /// `active: false`: ZTA gave up delivering to it.
        case disabled
        /// Created longer ago than `--stale-after` and never triggered.
        case neverTriggered = "never-triggered"
        /// Last triggered longer ago than `--stale-after`.
        case stale
        /// Created by an interrupted apply whose answer, and so the secret, was lost.
        case secretLost = "secret-lost"
        /// Created with `--on-secret`, whose sink has not taken the secret yet: the webhook it
        /// replaces, if any, is still live.
        case notHandedOff = "not-handed-off"

        public var findingClass: Class {
            switch self {
            case .create, .replace, .delete: .pending
            case .deleted, .added, .replaced, .unrecorded: .outOfBand
            case .disabled, .neverTriggered, .stale, .secretLost, .notHandedOff: .health
            }
        }
    }

    public var kind: Kind
    /// The site file's name for it, or the name the secrets file recorded; nil for a stranger.
    public var name: String?
    /// The live webhook's id, or the recorded id of one that is gone; nil for a create.
    public var id: String?
    public var url: String
    public var events: [String]
    /// What happened, in a sentence.
    public var detail: String
    /// What to do about it: the command to run or the thing to fix.
    public var remedy: String

    public init(kind: Kind, name: String?, id: String?, url: String, events: [String], detail: String, remedy: String) {
        self.kind = kind
        self.name = name
        self.id = id
        self.url = url
        self.events = events
        self.detail = detail
        self.remedy = remedy
    }

    public var findingClass: Class { kind.findingClass }

    /// `NAME (ID)`, or whichever of the two is known.
    public var label: String {
        switch (name, id) {
        case let (name?, id?): "\(name) (\(id))"
        case let (name?, nil): name
        case let (nil, id?): id
        case (nil, nil): url
        }
    }
}

extension DriftFinding: Codable {
    enum CodingKeys: String, CodingKey {
        case findingClass = "class"
        case kind, name, id, url, events, detail, remedy
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(Kind.self, forKey: .kind)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        id = try c.decodeIfPresent(String.self, forKey: .id)
        url = try c.decode(String.self, forKey: .url)
        events = try c.decode([String].self, forKey: .events)
        detail = try c.decode(String.self, forKey: .detail)
        remedy = try c.decode(String.self, forKey: .remedy)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        // The class is written out for readers of the JSON, though the kind implies it.
        try c.encode(findingClass, forKey: .findingClass)
        try c.encode(kind, forKey: .kind)
        // Keys stay present with null, so that `jq .name` never has to guess.
        try c.encode(name, forKey: .name)
        try c.encode(id, forKey: .id)
        try c.encode(url, forKey: .url)
        try c.encode(events, forKey: .events)
        try c.encode(detail, forKey: .detail)
        try c.encode(remedy, forKey: .remedy)
    }
}
