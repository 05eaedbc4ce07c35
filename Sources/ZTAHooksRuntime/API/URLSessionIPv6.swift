import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// For the requests ztahooks still makes with URLSession (the emulator check of `trigger`):
/// the API client itself runs on libcurl, which reaches IPv6 addresses as they are.
enum URLSessionIPv6 {
    /// Whether this platform's URLSession can reach a URL whose host is an IPv6 address.
    ///
    /// On Linux (FoundationNetworking, before swift-corelibs-foundation#5498) it refuses every
    /// such URL as a bad URL: it compares curl's host, `[::1]`, with Foundation's, `::1`.
    #if canImport(FoundationNetworking)
    static let reachesIPv6Addresses = false
    #else
    static let reachesIPv6Addresses = true
    #endif

    /// The URL to hand to URLSession: the same one, except that where IPv6 addresses cannot be
    /// used, the IPv6 loopback `[::1]` is reached as `localhost`, which curl resolves itself to
    /// the loopback addresses (`::1` and `127.0.0.1`), so the request still never leaves the machine.
    static func reachable(_ url: URL) -> URL {
        guard !reachesIPv6Addresses, let host = url.host, isIPv6Loopback(host),
              var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        else { return url }
        components.host = "localhost"
        return components.url ?? url
    }

    /// `::1` in its short or long form, with or without brackets.
    static func isIPv6Loopback(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return bare == "::1" || bare == "0:0:0:0:0:0:0:1"
    }
}
