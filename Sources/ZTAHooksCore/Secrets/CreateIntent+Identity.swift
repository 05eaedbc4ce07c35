extension CreateIntent {
    /// The URL as the planner compares webhooks: an intent matches a live webhook at the same identity.
    public var identity: String { WebhookURL.normalized(url) }
}
