import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension AsyncHTTPClientTransport {
    /// An IPv4 or IPv6 address as bytes, for `no_proxy` entries that are addresses or CIDR ranges.
    struct IPAddress: Sendable, Hashable {
        let bytes: [UInt8]

        /// Nil unless `text` is an IPv4 or IPv6 address (brackets allowed).
        init?(_ text: String) {
            let bare = text.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            var v4 = in_addr()
            var v6 = in6_addr()
            if inet_pton(AF_INET, bare, &v4) == 1 {
                bytes = withUnsafeBytes(of: &v4) { Array($0) }
            } else if inet_pton(AF_INET6, bare, &v6) == 1 {
                bytes = withUnsafeBytes(of: &v6) { Array($0) }
            } else {
                return nil
            }
        }

        /// libcurl's rule: an entry is an address, optionally with `/bits`; an entry of the other
        /// family, or a name, never matches an address.
        func matches(_ entry: String) -> Bool {
            let parts = entry.split(separator: "/", maxSplits: 1).map(String.init)
            guard let first = parts.first, let network = IPAddress(first), network.bytes.count == bytes.count else { return false }
            let bits: Int
            if parts.count == 2 {
                guard let prefix = Int(parts[1]), (0...bytes.count * 8).contains(prefix) else { return false }
                bits = prefix
            } else {
                bits = bytes.count * 8
            }
            for index in 0..<bytes.count {
                let remaining = bits - index * 8
                if remaining <= 0 { break }
                let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
                if bytes[index] & mask != network.bytes[index] & mask { return false }
            }
            return true
        }
    }
}
