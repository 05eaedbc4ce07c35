import Foundation
import Testing
import ZTAHooksCore
import ZTAWebhooks

/// `listen` closes what it refuses: a raw client reading to the end of an answer gets the refusal
/// and the end of the connection at once, never a wait.
struct ListenConnectionTests {
    /// A plain TCP client, as a hostile or sloppy sender would be.
    struct RawClient {
        let descriptor: Int32

        init(port: Int) throws {
            descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
            // A read that waits longer than this is the failure under test.
            var timeout = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }

        /// Sends what it can; false when the server stopped reading or closed.
        @discardableResult
        func send(_ text: String) -> Bool {
            let bytes = Array(text.utf8)
            var offset = 0
            while offset < bytes.count {
                let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if sent <= 0 { return false }
                offset += sent
            }
            return true
        }

        func endInput() { shutdown(descriptor, Int32(SHUT_WR)) }

        /// Everything until the server closes; `closed` is false when the read timed out instead.
        func readToEnd() -> (text: String, closed: Bool) {
            var data = [UInt8]()
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = recv(descriptor, &buffer, buffer.count, 0)
                if count == 0 { return (String(decoding: data, as: UTF8.self), true) }
                if count < 0 { return (String(decoding: data, as: UTF8.self), errno == ECONNRESET) }
                data += buffer[..<count]
            }
        }

        func close() { Glibc.close(descriptor) }
    }

    static let secret = ListenProcess.secret()

    private static func listen(_ extra: [String] = []) async throws -> (ListenProcess, port: Int, root: URL) {
        let root = try BinaryRunner.temporaryDirectory()
        let secrets = try await ListenProcess.secretsFile(in: root, [ListenProcess.entry(id: "wh_1", name: "one", secret: secret)])
        let listen = try await ListenProcess.start(secretsFile: secrets, extra)
        let port = try #require(listen.url.split(separator: ":").last.flatMap { Int($0) })
        return (listen, port, root)
    }

    @Test func aBodyOverTheLimitIsRefusedAndTheConnectionClosedWithoutReadingIt() async throws {
        let (listen, port, root) = try await Self.listen()
        defer { listen.process.stop(); try? FileManager.default.removeItem(at: root) }
        let client = try RawClient(port: port)
        defer { client.close() }
        client.send("POST /zta HTTP/1.1\r\nHost: a\r\nContent-Length: 2000000\r\nX-ZTA-Webhook-ID: wh_1\r\n\r\n" + String(repeating: "a", count: 1000))
        let (text, closed) = client.readToEnd()
        #expect(closed)
        #expect(text.hasPrefix("HTTP/1.1 413 "))
        #expect(text.lowercased().contains("connection: close\r\n"))
        #expect(text.hasSuffix("body too large (over 1048576 bytes)"))
    }

    @Test func aBodyCutShortIsA400ThatSaysHowMuchCame() async throws {
        let (listen, port, root) = try await Self.listen()
        defer { listen.process.stop(); try? FileManager.default.removeItem(at: root) }
        let client = try RawClient(port: port)
        defer { client.close() }
        client.send("POST /zta HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\nX-ZTA-Webhook-ID: wh_1\r\n\r\n" + String(repeating: "a", count: 83))
        client.endInput()
        let (text, closed) = client.readToEnd()
        #expect(closed)
        #expect(text.hasPrefix("HTTP/1.1 400 "))
        #expect(text.lowercased().contains("connection: close\r\n"))
        #expect(text.hasSuffix("body ended after 83 of 1000 bytes"))
        #expect(await listen.process.waitFor("rejected: body ended after 83 of 1000 bytes"))
    }

    @Test func aHeaderLinePastTheLimitClosesTheConnection() async throws {
        let (listen, port, root) = try await Self.listen()
        defer { listen.process.stop(); try? FileManager.default.removeItem(at: root) }
        let client = try RawClient(port: port)
        defer { client.close() }
        // The server stops reading and closes partway through; the send may fail, which is fine.
        client.send("POST /zta HTTP/1.1\r\nHost: a\r\nX-Big: " + String(repeating: "a", count: 10 << 20) + "\r\n\r\n")
        let (text, closed) = client.readToEnd()
        #expect(closed)
        if !text.isEmpty { #expect(text.hasPrefix("HTTP/1.1 400 ")) }
    }

    @Test func aMethodOtherThanPOSTIsRefusedAndClosed() async throws {
        let (listen, port, root) = try await Self.listen()
        defer { listen.process.stop(); try? FileManager.default.removeItem(at: root) }
        let client = try RawClient(port: port)
        defer { client.close() }
        client.send("GET /zta HTTP/1.1\r\nHost: a\r\n\r\n")
        let (text, closed) = client.readToEnd()
        #expect(closed)
        #expect(text.hasPrefix("HTTP/1.1 405 "))
    }

    @Test func anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout() async throws {
        let (listen, port, root) = try await Self.listen(["--idle-timeout", "1s"])
        defer { listen.process.stop(); try? FileManager.default.removeItem(at: root) }
        let client = try RawClient(port: port)
        defer { client.close() }
        // A verified delivery keeps the connection open (keep-alive) ...
        let body = ListenProcess.payload()
        let signature = WebhookSignature.header(body: Data(body.utf8), secret: Self.secret)
        client.send("POST /zta HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nX-ZTA-Webhook-ID: wh_1\r\n"
            + "X-ZTA-Signature: \(signature)\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
        // ... until it has been idle for a second: then the server ends it (the read returns).
        let (text, closed) = client.readToEnd()
        #expect(closed)
        #expect(text.hasPrefix("HTTP/1.1 200 "))
        #expect(!text.lowercased().contains("connection: close"))
    }
}
