import ZTAClient

/// A request header, name and value as sent.
public typealias DeliveryHeader = HTTPRequest.Header

/// A request as `listen` received it: what a replay sends through the same path again.
public struct DeliveryRequest: Sendable, Hashable {
    public var method: String
    /// The request target as sent: path and query.
    public var path: String
    /// Every header, in the order received.
    public var headers: [DeliveryHeader]
    /// The raw body, byte for byte.
    public var body: [UInt8]

    public init(method: String, path: String, headers: [DeliveryHeader], body: [UInt8]) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }

    /// A header's value, its name compared without case; several of the same name are joined
    /// with ", ", as HTTP reads them.
    public func field(_ name: String) -> String? {
        let wanted = name.lowercased()
        let values = headers.filter { $0.name.lowercased() == wanted }.map(\.value)
        return values.isEmpty ? nil : values.joined(separator: ", ")
    }
}
