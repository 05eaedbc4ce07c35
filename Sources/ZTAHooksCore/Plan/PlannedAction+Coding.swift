// Written by hand so that the plan JSON (and every saved plan file) keeps the layout of the
// struct this enum replaced: a flat object with an `action` key, and no key for what a case
// does not have. `reasonCodes` and `mintsSecret` are written for scripts and ignored on reading:
// they follow from the rest.
extension PlannedAction: Codable {
    private enum CodingKeys: String, CodingKey {
        case action, name, url, events, reasons, reasonCodes, mintsSecret, id, currentEvents, order, description, deliveredTwice
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let url = try c.decode(String.self, forKey: .url)
        let reasons = try c.decode([String].self, forKey: .reasons)
        switch try c.decode(Kind.self, forKey: .action) {
        case .create:
            self = .create(CreateAction(
                name: try c.decode(String.self, forKey: .name), url: url, events: try c.decode([EventType].self, forKey: .events),
                reasons: reasons, description: try c.decodeIfPresent(String.self, forKey: .description)))
        case .replace:
            self = .replace(ReplaceAction(
                name: try c.decode(String.self, forKey: .name), url: url, events: try c.decode([EventType].self, forKey: .events),
                reasons: reasons, id: try c.decode(String.self, forKey: .id), currentEvents: try c.decode([String].self, forKey: .currentEvents),
                order: try c.decodeIfPresent(ReplaceOrder.self, forKey: .order) ?? .createThenDelete,
                description: try c.decodeIfPresent(String.self, forKey: .description)))
        case .delete:
            self = .delete(DeleteAction(
                name: try c.decodeIfPresent(String.self, forKey: .name), url: url, events: try c.decode([String].self, forKey: .events),
                reasons: reasons, id: try c.decode(String.self, forKey: .id)))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .action)
        try c.encodeIfPresent(name, forKey: .name)
        try c.encode(url, forKey: .url)
        try c.encode(reasons, forKey: .reasons)
        try c.encode(reasons.map(ReasonCode.init(classifying:)), forKey: .reasonCodes)
        try c.encode(kind != .delete, forKey: .mintsSecret)
        switch self {
        case .create(let create):
            try c.encode(create.events, forKey: .events)
            try c.encodeIfPresent(create.description, forKey: .description)
        case .replace(let replace):
            try c.encode(replace.events, forKey: .events)
            try c.encode(replace.id, forKey: .id)
            try c.encode(replace.currentEvents, forKey: .currentEvents)
            try c.encode(replace.order, forKey: .order)
            // The overlap: both webhooks live, each event delivered to both.
            try c.encode(replace.order == .createThenDelete, forKey: .deliveredTwice)
            try c.encodeIfPresent(replace.description, forKey: .description)
        case .delete(let delete):
            try c.encode(delete.events, forKey: .events)
            try c.encode(delete.id, forKey: .id)
        }
    }
}
