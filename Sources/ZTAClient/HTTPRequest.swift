/// One request as the client hands it to a transport: method, absolute URL, headers in order,
/// body.
///
/// A plain value rather than Foundation's `URLRequest`: building a `URLRequest` (a class inside,
/// headers in a case-insensitive dictionary, the URL parsed) was 4-6% of the client's CPU per
/// request, and the transport only ever needed these four things back out of it.
public struct HTTPRequest: Sendable, Hashable {
    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public var method: String
    /// Absolute `http://` or `https://` URL, already percent-encoded.
    public var url: String
    public var headers: [Header]
    public var body: [UInt8]

    public init(method: String = "GET", url: String, headers: [Header] = [], body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, its name compared without case; nil when absent.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// Sets a header, replacing every earlier one of that name.
    public mutating func setHeader(_ name: String, _ value: String) {
        let wanted = name.lowercased()
        headers.removeAll { $0.name.lowercased() == wanted }
        headers.append(Header(name, value))
    }
}
