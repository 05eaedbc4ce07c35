/// `secret` reads as a string (plain text), `{"sealed": "..."}` (sealed) or `null` (unknown).
/// An object is kept an object so that any reader can tell "sealed, needs the key" from a secret.
extension SecretEntry: Codable {
    private enum SealedKeys: String, CodingKey {
        case sealed
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        siteId = try c.decode(String.self, forKey: .siteId)
        name = try c.decode(String.self, forKey: .name)
        id = try c.decode(String.self, forKey: .id)
        url = try c.decode(String.self, forKey: .url)
        events = try c.decode([String].self, forKey: .events)
        createdAt = try c.decodeIfPresent(String.self, forKey: .createdAt)
        adopted = try c.decodeIfPresent(Bool.self, forKey: .adopted)
        webhookDescription = try c.decodeIfPresent(String.self, forKey: .webhookDescription)
        handedOff = try c.decodeIfPresent(Bool.self, forKey: .handedOff)
        replaces = try c.decodeIfPresent(String.self, forKey: .replaces)
        if (try? c.decodeNil(forKey: .secret)) ?? true {
            secret = nil
        } else if let text = try? c.decode(String.self, forKey: .secret) {
            secret = text
        } else {
            let sealedContainer = try c.nestedContainer(keyedBy: SealedKeys.self, forKey: .secret)
            sealed = SealedSecret(base64: try sealedContainer.decode(String.self, forKey: .sealed))
        }
    }

    /// The same shape as the file: a sealed value is written instead of the plain text, never beside it.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(siteId, forKey: .siteId)
        try c.encode(name, forKey: .name)
        try c.encode(id, forKey: .id)
        try c.encode(url, forKey: .url)
        try c.encode(events, forKey: .events)
        if let sealed {
            var sealedContainer = c.nestedContainer(keyedBy: SealedKeys.self, forKey: .secret)
            try sealedContainer.encode(sealed.base64, forKey: .sealed)
        } else {
            try c.encodeIfPresent(secret, forKey: .secret)
        }
        try c.encodeIfPresent(createdAt, forKey: .createdAt)
        try c.encodeIfPresent(adopted, forKey: .adopted)
        try c.encodeIfPresent(webhookDescription, forKey: .webhookDescription)
        try c.encodeIfPresent(handedOff, forKey: .handedOff)
        try c.encodeIfPresent(replaces, forKey: .replaces)
    }
}

/// A retired entry reads as the entry's own fields plus `retiredAt` and `reason`, flat.
extension RetiredEntry: Codable {
    private enum RetiredKeys: String, CodingKey {
        case retiredAt, reason
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: RetiredKeys.self)
        self.init(entry: try SecretEntry(from: decoder), retiredAt: try c.decode(String.self, forKey: .retiredAt),
                  reason: try c.decode(String.self, forKey: .reason))
    }

    public func encode(to encoder: any Encoder) throws {
        try entry.encode(to: encoder)
        var c = encoder.container(keyedBy: RetiredKeys.self)
        try c.encode(retiredAt, forKey: .retiredAt)
        try c.encode(reason, forKey: .reason)
    }
}
