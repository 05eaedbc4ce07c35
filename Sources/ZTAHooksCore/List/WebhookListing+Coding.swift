/// Every key is written, absent values as `null`: a stable shape that scripts can index
/// without checking for a key first.
extension ListedSite {
    enum CodingKeys: String, CodingKey {
        case siteId, file, prune, webhooks, error
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(siteId, forKey: .siteId)
        try container.encode(file, forKey: .file)
        try container.encode(prune, forKey: .prune)
        try container.encode(webhooks, forKey: .webhooks)
        try container.encode(error, forKey: .error)
    }
}

extension ListedWebhook {
    enum CodingKeys: String, CodingKey {
        case id, name, url, events, active, createdAt, lastTriggered, state, deletedByNextApply
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(url, forKey: .url)
        try container.encode(events, forKey: .events)
        try container.encode(active, forKey: .active)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(lastTriggered, forKey: .lastTriggered)
        try container.encode(state, forKey: .state)
        try container.encode(deletedByNextApply, forKey: .deletedByNextApply)
    }
}
