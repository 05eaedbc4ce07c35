/// The names of the attributes on ztahooks' spans, one list for the code, its tests and
/// docs/guides/tracing.md.
///
/// Standard OpenTelemetry names where one exists (`http.*`, `url.path`, `error.type`), ours
/// under `ztahooks.` otherwise. None ever carries a token, a secret, a header or a URL's query.
public enum TraceAttribute {
    /// The run's command: `plan`, `apply` or `drift`.
    public static let command = "ztahooks.command"
    /// The exit status the run ends with.
    public static let exitStatus = "ztahooks.exit_status"
    /// The ZTA site ID a site span or request span is about.
    public static let siteID = "ztahooks.site.id"
    /// What a request does: `list`, `create` or `delete`.
    public static let action = "ztahooks.request.action"
    /// How many attempts a request took (1 when it was not retried).
    public static let attempts = "ztahooks.request.attempts"
    /// On a `retry` event: the attempt that is retried.
    public static let attempt = "ztahooks.request.attempt"
    /// Milliseconds waited before the next attempt (on a `retry` event), or in all (on the request).
    public static let retryDelay = "ztahooks.request.retry_delay_ms"
    public static let httpMethod = "http.request.method"
    public static let httpStatus = "http.response.status_code"
    /// The URL's path only: never its host's credentials or its query.
    public static let urlPath = "url.path"
    /// How a request or run failed, as a fixed word (`rate_limited`, `timed_out`, ...): never a message.
    public static let errorType = "error.type"
}
