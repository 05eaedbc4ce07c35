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
        case siteId, file, prune, actions, unchanged, unmanaged, notes, noteCodes, fingerprint, error, retiring, restoring
    }

    /// Plans saved before `retiring` and `restoring` existed read with both empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: EncodingKeys.self)
        self.init(siteId: try c.decode(String.self, forKey: .siteId), file: try c.decode(String.self, forKey: .file),
                  prune: try c.decode(Bool.self, forKey: .prune), actions: try c.decode([PlannedAction].self, forKey: .actions),
                  unchanged: try c.decode([UnchangedWebhook].self, forKey: .unchanged),
                  unmanaged: try c.decode([LiveSummary].self, forKey: .unmanaged), notes: try c.decode([String].self, forKey: .notes),
                  fingerprint: try c.decodeIfPresent(String.self, forKey: .fingerprint),
                  error: try c.decodeIfPresent(String.self, forKey: .error))
        retiring = try c.decodeIfPresent([RecordedSecret].self, forKey: .retiring) ?? []
        restoring = try c.decodeIfPresent([RecordedSecret].self, forKey: .restoring) ?? []
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
        // Only when there are some: a plan without them reads as before, byte for byte.
        if !retiring.isEmpty { try c.encode(retiring, forKey: .retiring) }
        if !restoring.isEmpty { try c.encode(restoring, forKey: .restoring) }
    }
}

extension PlanSummary {
    private enum CodingKeys: String, CodingKey {
        case create, replace, delete, unchanged, unmanaged, failedSites, retiring
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        create = try c.decode(Int.self, forKey: .create)
        replace = try c.decode(Int.self, forKey: .replace)
        delete = try c.decode(Int.self, forKey: .delete)
        unchanged = try c.decode(Int.self, forKey: .unchanged)
        unmanaged = try c.decode(Int.self, forKey: .unmanaged)
        failedSites = try c.decode(Int.self, forKey: .failedSites)
        retiring = try c.decodeIfPresent(Int.self, forKey: .retiring) ?? 0
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(create, forKey: .create)
        try c.encode(replace, forKey: .replace)
        try c.encode(delete, forKey: .delete)
        try c.encode(unchanged, forKey: .unchanged)
        try c.encode(unmanaged, forKey: .unmanaged)
        try c.encode(failedSites, forKey: .failedSites)
        if retiring > 0 { try c.encode(retiring, forKey: .retiring) }
    }
}
