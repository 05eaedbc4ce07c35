import Foundation
import HTTPTypes
import Hummingbird

/// The checks every local page server runs before it answers: a page and its endpoints are for a
/// browser on this machine, so a request naming another host (DNS rebinding), a change sent by
/// another site (cross-site request) and a change without the page's per-run token are refused.
///
/// ```swift
/// let guard = LocalPageGuard()
/// if let refusal = guard.refusal(for: request, changes: request.method != .get) { return refusal }
/// ```
public struct LocalPageGuard: Sendable {
    /// Held by the page (in its HTML) and sent back with every change as `X-ZTAHooks-Token`.
    public let token: String
    /// Serves any `Host`: for a server bound to another address on purpose (`--allow-remote`).
    public let allowRemote: Bool

    public static let tokenHeader = HTTPField.Name("X-ZTAHooks-Token")!
    static let originHeader = HTTPField.Name("Origin")!
    static let hostHeader = HTTPField.Name("Host")!

    public init(token: String = LocalPageGuard.newToken(), allowRemote: Bool = false) {
        self.token = token
        self.allowRemote = allowRemote
    }

    /// 32 random bytes in hex, from the system's generator.
    public static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Why a request must not be answered, as the answer to send instead; `nil` when it may be.
    /// - Parameters:
    ///   - changes: the request changes something (anything but GET and HEAD): its `Origin`, when
    ///     sent, must be this server's own.
    ///   - needsToken: the request must also carry the page's token (the page's own endpoints).
    public func refusal(for request: Request, changes: Bool, needsToken: Bool = false) -> Response? {
        let host = request.head.authority ?? request.headers[Self.hostHeader]
        if !allowRemote, let host, !Self.isLoopback(authority: host) {
            return Self.refuse(421, """
                This server answers to localhost, 127.0.0.1 and [::1] only, not to '\(Self.printable(host))' \
                (a guard against DNS rebinding). Open it by one of those names, or start it with --allow-remote.
                """)
        }
        guard changes else { return nil }
        if let origin = request.headers[Self.originHeader], !isOwn(origin: origin, host: host) {
            return Self.refuse(403, "Refused a change sent from another origin ('\(Self.printable(origin))').")
        }
        if needsToken, !Self.equalInConstantTime(request.headers[Self.tokenHeader] ?? "", token) {
            return Self.refuse(403, "This change needs the page's token in X-ZTAHooks-Token: reload the page.")
        }
        return nil
    }

    /// `http://` + the request's own `Host`: a browser sends exactly that from a page of this server.
    private func isOwn(origin: String, host: String?) -> Bool {
        guard let host else { return false }
        return origin.lowercased() == "http://\(host.lowercased())"
    }

    /// `localhost`, `127.x.x.x` or `[::1]`, with or without a port.
    static func isLoopback(authority: String) -> Bool {
        var name = authority.lowercased()
        if name.hasPrefix("[") {
            guard let end = name.firstIndex(of: "]") else { return false }
            let rest = name[name.index(after: end)...]
            guard rest.isEmpty || (rest.hasPrefix(":") && rest.dropFirst().allSatisfy(\.isASCIIDigit)) else { return false }
            return name[name.index(after: name.startIndex)..<end] == "::1"
        }
        if let colon = name.lastIndex(of: ":") {
            guard name[name.index(after: colon)...].allSatisfy(\.isASCIIDigit) else { return false }
            name = String(name[..<colon])
        }
        if name == "localhost" { return true }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127"
            && parts.allSatisfy { part in part.count <= 3 && !part.isEmpty && part.allSatisfy(\.isASCIIDigit) && Int(part)! <= 255 }
    }

    static func equalInConstantTime(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }

    /// A header value as it may be shown: printable ASCII, at most 80 characters.
    static func printable(_ text: String) -> String {
        let kept = text.unicodeScalars.prefix(80).map { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F ? Character($0) : "?" }
        return String(kept) + (text.unicodeScalars.count > 80 ? "…" : "")
    }

    static func refuse(_ status: Int, _ message: String) -> Response {
        PageResponse.json(status, #"{"error":"# + PageResponse.jsonString(message) + "}")
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
