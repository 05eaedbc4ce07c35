/// What happened to one event sent to one webhook, retries included.
public struct SimDeliveryRecord: Codable, Sendable, Equatable {
    /// One try: the receiver's status, or why there was none.
    public struct Attempt: Codable, Sendable, Equatable {
        public var status: Int?
        public var error: String?
    }

    public var webhookId: String
    public var url: String
    public var event: String
    /// The exact bytes sent, as text.
    public var body: String
    public var signature: String
    public var attempts: [Attempt]
    /// A 2xx answer arrived.
    public var delivered: Bool
    /// This failure disabled the webhook.
    public var disabledWebhook: Bool
}
