/// Where deliveries to one host go instead: a loopback address and port, spoken to in plain HTTP.
///
/// Site files may only declare `https://` URLs, so a local receiver can stand in for one only
/// through a route; the path, the query and the `Host` header stay those of the declared URL.
public struct SimRoute: Sendable, Equatable {
    /// `127.x.y.z`, `localhost` or `[::1]` (brackets included), as written on the command line.
    public var address: String
    public var port: Int

    public init(address: String, port: Int) {
        self.address = address
        self.port = port
    }

    /// `ADDR:PORT`, as recorded in each routed delivery.
    public var authority: String { "\(address):\(port)" }
}
