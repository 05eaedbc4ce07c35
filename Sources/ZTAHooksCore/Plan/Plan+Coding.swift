// Written by hand only to add the stable codes of flags and notes beside their text; every other
// key is what the synthesised encoding wrote, so plan files stay readable by older versions.
// Decoding stays synthesised: the codes follow from the text.

extension UnchangedWebhook {
    private enum EncodingKeys: String, CodingKey {
        case name, id, url, events, flags, flagCodes
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: EncodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(id, forKey: .id)
        try c.encode(url, forKey: .url)
        try c.encode(events, forKey: .events)
        try c.encode(flags, forKey: .flags)
        try c.encode(flags.map(ReasonCode.init(classifying:)), forKey: .flagCodes)
    }
}

extension SitePlan {
    private enum EncodingKeys: String, CodingKey {
        case siteId, file, prune, actions, unchanged, unmanaged, notes, noteCodes, fingerprint, error
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: EncodingKeys.self)
        try c.encode(siteId, forKey: .siteId)
        try c.encode(file, forKey: .file)
        try c.encode(prune, forKey: .prune)
        try c.encode(actions, forKey: .actions)
        try c.encode(unchanged, forKey: .unchanged)
        try c.encode(unmanaged, forKey: .unmanaged)
        try c.encode(notes, forKey: .notes)
        try c.encode(notes.map(ReasonCode.init(classifying:)), forKey: .noteCodes)
        try c.encodeIfPresent(fingerprint, forKey: .fingerprint)
        try c.encodeIfPresent(error, forKey: .error)
    }
}
