/// What happened to one event sent to one webhook, retries included.
public struct SimDeliveryRecord: Codable, Sendable, Equatable {
    /// One try: when it started, how long it took, and the receiver's status or why there was none.
    public struct Attempt: Codable, Sendable, Equatable {
        public var status: Int?
        public var error: String?
        /// ISO 8601 with milliseconds, like the API's timestamps.
        public var startedAt: String
        /// From sending the request to its answer, or to the timeout or failure.
        public var durationMs: Int
    }

    /// `dlv_` and 24 characters, unique to this delivery.
    public var id: String
    public var siteId: String
    public var webhookId: String
    public var url: String
    /// `ADDR:PORT` of the route the delivery took; absent when the URL was delivered as it is.
    public var routedTo: String?
    public var event: String
    /// When the event was published, ISO 8601 with milliseconds.
    public var publishedAt: String
    /// The exact bytes sent, as text.
    public var body: String
    public var signature: String
    public var attempts: [Attempt]
    /// A 2xx answer arrived.
    public var delivered: Bool
    /// This failure disabled the webhook.
    public var disabledWebhook: Bool
}
