import ZTAClient

extension CurlTransport {
    /// The transport `ZTAHTTPClient(configuration:)` makes, for tests that hold it themselves.
    convenience init(_ configuration: ClientConfiguration) {
        self.init(timeout: configuration.timeout, maxConnectionsPerHost: configuration.concurrency,
                  maxBodyBytes: configuration.maxBodyBytes)
    }
}
