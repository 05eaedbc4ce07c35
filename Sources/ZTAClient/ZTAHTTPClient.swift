import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import ZTAHooksCore

/// `WebhookAPI` over HTTPS: the client for ztas.io, and for the emulator behind `--sandbox`.
///
/// One instance holds one transport, so connections are reused across sites; it is safe to
/// call from many tasks at once.
public final class ZTAHTTPClient: WebhookAPI {
    public let configuration: ClientConfiguration
    let transport: any HTTPTransport
    let logger: Logger
    let timing: RetryTiming
    let policy: RetryPolicy
    /// Told of every answer, and asked before every attempt whether a `Retry-After` holds the
    /// run back; nil: each request on its own.
    let limiter: ConcurrencyLimiter?
    /// `<baseURL>/api/webhooks` and the fixed headers, made once.
    let endpointText: String
    let fixedHeaders: [HTTPRequest.Header]

    /// A client on its own curl transport, configured from `configuration`.
    public convenience init(
        configuration: ClientConfiguration,
        logger: Logger = Logger(label: "ztahooks.client"),
        timing: RetryTiming = .live,
        limiter: ConcurrencyLimiter? = nil
    ) {
        let transport = CurlTransport(timeout: configuration.timeout, maxConnectionsPerHost: configuration.concurrency,
                                      maxBodyBytes: configuration.maxBodyBytes)
        self.init(configuration: configuration, transport: transport, logger: logger, timing: timing, limiter: limiter)
    }

    /// A client on any transport; tests pass a scripted one.
    public init(configuration: ClientConfiguration, transport: any HTTPTransport,
                logger: Logger = Logger(label: "ztahooks.client"), timing: RetryTiming = .live,
                limiter: ConcurrencyLimiter? = nil) {
        self.configuration = configuration
        self.limiter = limiter
        self.transport = transport
        self.logger = logger
        self.timing = timing
        self.policy = RetryPolicy(configuration)
        self.endpointText = configuration.baseURL.appendingPathComponent("api").appendingPathComponent("webhooks").absoluteString
        self.fixedHeaders = Self.fixedHeaders(configuration)
    }

    public func listWebhooks(site: String) async throws(APIError) -> [LiveWebhook] {
        let context = "listing webhooks of site \(site)"
        let request = makeRequest(.get, query: ("siteId", site))
        guard let exchange = try await perform(request, method: .get, site: site, context: context) else {
            throw .invalidResponse(message: "the answer is empty", context: context)
        }
        try checkSize(exchange, context: context)
        switch ResponseDecoding.webhookList(exchange.body) {
        case .success(let webhooks): return webhooks
        case .failure(let problem): throw .invalidResponse(message: problem.description, context: context)
        }
    }

    public func createWebhook(_ create: CreateWebhookRequest) async throws(APIError) -> CreatedWebhook {
        let context = "creating webhook \(create.url) on site \(create.siteId)"
        var request = makeRequest(.post, query: nil)
        request.headers.append(HTTPRequest.Header("Content-Type", "application/json"))
        request.body = create.jsonBody
        guard let exchange = try await perform(request, method: .post, site: create.siteId, context: context) else {
            throw .outcomeUnknown(message: "the answer is empty", context: context)
        }
        // A 2xx means the server stored the webhook: an unreadable answer loses its secret, so
        // it is reported as an unknown outcome and the caller lists the site to see what exists.
        if exchange.bodyExceededCap {
            throw .outcomeUnknown(message: "the answer is larger than \(Self.sizeText(configuration.maxBodyBytes))", context: context)
        }
        switch ResponseDecoding.createdWebhook(exchange.body) {
        case .success(let created): return created
        case .failure(let problem): throw .outcomeUnknown(message: "the answer was unreadable: \(problem.description)", context: context)
        }
    }

    public func deleteWebhook(id: String, site: String) async throws(APIError) {
        let context = "deleting webhook \(id) of site \(site)"
        let request = makeRequest(.delete, query: ("id", id))
        // The body ({"success": true, ...}) carries nothing the caller needs; any 2xx is done.
        _ = try await perform(request, method: .delete, site: site, context: context)
    }

    private func checkSize(_ exchange: HTTPExchange, context: String) throws(APIError) {
        if exchange.bodyExceededCap {
            throw .invalidResponse(message: "answer larger than \(Self.sizeText(configuration.maxBodyBytes))", context: context)
        }
    }

    static func sizeText(_ bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
