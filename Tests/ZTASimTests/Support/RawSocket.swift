import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A bare TCP client: sends bytes, then reads until the server closes, to see exactly what came back.
enum RawSocket {
    struct Failure: Error {
        var call: String
    }

    struct Reply: Sendable {
        var bytes: Data
        /// True when the server closed the connection; false when the read timed out first.
        var closed: Bool
        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// Runs on its own thread so that blocking reads never hold up the concurrency pool.
    ///
    /// - Parameter marker: stop reading once the reply holds it and the blank line after it (an
    ///   event of a stream that stays open).
    static func exchange(port: Int, send payload: Data, readTimeoutSeconds: Int = 5, until marker: String? = nil) async throws -> Reply {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result {
                    try blockingExchange(port: port, send: payload, timeout: readTimeoutSeconds, until: marker.map { Data($0.utf8) })
                })
            }
        }
    }

    private static func blockingExchange(port: Int, send payload: Data, timeout seconds: Int, until marker: Data?) throws -> Reply {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failure(call: "socket") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw Failure(call: "connect") }
        try payload.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                guard written > 0 else { throw Failure(call: "send") }
                offset += written
            }
        }
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count > 0 {
                received.append(contentsOf: buffer[0..<count])
                // The marker's whole event: up to the blank line after it.
                if let marker, let found = received.range(of: marker), received[found.upperBound...].range(of: Data("\n\n".utf8)) != nil {
                    return Reply(bytes: received, closed: false)
                }
            } else if count == 0 || errno == ECONNRESET {
                return Reply(bytes: received, closed: true)
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                return Reply(bytes: received, closed: false)
            } else {
                throw Failure(call: "recv")
            }
        }
    }
}
