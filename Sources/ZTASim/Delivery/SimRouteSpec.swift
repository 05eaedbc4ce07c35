/// Parses `--route HOST=ADDR:PORT` values into the route table of `SimOptions`.
public enum SimRouteSpec {
    /// A value that is not a route to a loopback address, with what is wrong in it.
    public struct Invalid: Error, Equatable, CustomStringConvertible {
        public var value: String
        public var problem: String

        public init(value: String, problem: String) {
            self.value = value
            self.problem = problem
        }

        public var description: String {
            "--route \(value): \(problem) (expected HOST=ADDR:PORT, ADDR an address in 127.0.0.0/8, localhost or [::1])"
        }
    }

    /// Routes by host, lowercased (hosts compare case-insensitively); a host given twice is refused,
    /// since either choice would surprise someone.
    public static func parse(_ values: [String]) throws(Invalid) -> [String: SimRoute] {
        var routes: [String: SimRoute] = [:]
        for value in values {
            let (host, route) = try parse(value)
            guard routes[host] == nil else { throw Invalid(value: value, problem: "host \(host) is routed twice") }
            routes[host] = route
        }
        return routes
    }

    /// One value: the lowercased host and its route.
    public static func parse(_ value: String) throws(Invalid) -> (host: String, route: SimRoute) {
        guard let equals = value.firstIndex(of: "=") else { throw Invalid(value: value, problem: "no '='") }
        let host = value[..<equals].lowercased()
        let target = value[value.index(after: equals)...]
        guard isHostName(host) else {
            throw Invalid(value: value, problem: "'\(host)' is not a host name (letters, digits, '-', '_' and '.'; no port, no scheme)")
        }
        guard let colon = target.lastIndex(of: ":") else { throw Invalid(value: value, problem: "no port after the address") }
        let address = String(target[..<colon])
        let portText = target[target.index(after: colon)...]
        guard let port = Int(portText), (1...65535).contains(port), portText.allSatisfy(\.isASCII) else {
            throw Invalid(value: value, problem: "port '\(portText)' is not a number from 1 to 65535")
        }
        guard let loopback = loopbackAddress(address) else {
            throw Invalid(value: value, problem: "'\(address)' is not a loopback address; routes deliver to this machine only")
        }
        return (host, SimRoute(address: loopback, port: port))
    }

    /// The address as it will be used, when it is loopback: `localhost` (any case), `[::1]`, or a
    /// dotted IPv4 address in 127.0.0.0/8.
    static func loopbackAddress(_ address: String) -> String? {
        if address.lowercased() == "localhost" { return "localhost" }
        if address == "[::1]" { return address }
        let octets = address.split(separator: ".", omittingEmptySubsequences: false)
        // Plain decimal octets only: `127.0.0.010` reads as octal to some resolvers.
        guard octets.count == 4, octets[0] == "127", octets.allSatisfy({ octet in
            octet.allSatisfy(\.isASCII) && UInt8(octet).map { String($0) == octet } == true
        }) else { return nil }
        return address
    }

    private static func isHostName(_ host: String) -> Bool {
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return !host.isEmpty && host.count <= 253 && labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63
                && label.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
        }
    }
}
