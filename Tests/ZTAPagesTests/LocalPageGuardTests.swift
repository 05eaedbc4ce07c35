import HTTPTypes
import Hummingbird
import Testing
@testable import ZTAPages

@Suite struct LocalPageGuardTests {
    private func request(_ method: HTTPRequest.Method = .get, host: String?, headers: [String: String] = [:]) -> Request {
        var fields = HTTPFields()
        for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
        let head = HTTPRequest(method: method, scheme: "http", authority: host, path: "/", headerFields: fields)
        return Request(head: head, body: .init(buffer: ByteBuffer()))
    }

    @Test(arguments: ["localhost", "localhost:8789", "LocalHost:1", "127.0.0.1", "127.0.0.1:80", "127.1.2.3:9", "[::1]", "[::1]:8787"])
    func loopbackNamesAreAnswered(host: String) {
        #expect(LocalPageGuard.isLoopback(authority: host))
        #expect(LocalPageGuard(token: "t").refusal(for: request(host: host), changes: false) == nil)
    }

    @Test(arguments: [
        "evil.example", "evil.example:8789", "localhost.evil.example", "127.0.0.1.nip.io", "128.0.0.1", "127.0.0.256",
        "[::2]:80", "[::1]x", "localhost:80x", "0.0.0.0", "", "[::1",
    ])
    func otherNamesAreRefusedAsRebinding(host: String) {
        #expect(!LocalPageGuard.isLoopback(authority: host))
        #expect(LocalPageGuard(token: "t").refusal(for: request(host: host), changes: false)?.status.code == 421)
        #expect(LocalPageGuard(token: "t", allowRemote: true).refusal(for: request(host: host), changes: false) == nil)
    }

    @Test func aChangeNeedsItsOwnOriginAndTheToken() {
        let pageGuard = LocalPageGuard(token: "secret-token")
        let host = "127.0.0.1:8789"
        let own = ["Origin": "http://127.0.0.1:8789", "X-ZTAHooks-Token": "secret-token"]
        #expect(pageGuard.refusal(for: request(.post, host: host, headers: own), changes: true, needsToken: true) == nil)
        // Without Origin (curl, a script): the token is enough.
        #expect(pageGuard.refusal(for: request(.post, host: host, headers: ["X-ZTAHooks-Token": "secret-token"]), changes: true, needsToken: true) == nil)
        for origin in ["http://evil.example", "null", "http://localhost:8789", "https://127.0.0.1:8789", "http://127.0.0.1:8790"] {
            let headers = ["Origin": origin, "X-ZTAHooks-Token": "secret-token"]
            #expect(pageGuard.refusal(for: request(.post, host: host, headers: headers), changes: true, needsToken: true)?.status.code == 403, "\(origin)")
        }
        for token in ["", "secret-toke", "secret-tokenn", "SECRET-TOKEN"] {
            let headers = ["Origin": "http://127.0.0.1:8789", "X-ZTAHooks-Token": token]
            #expect(pageGuard.refusal(for: request(.post, host: host, headers: headers), changes: true, needsToken: true)?.status.code == 403)
        }
        #expect(pageGuard.refusal(for: request(.post, host: host), changes: true, needsToken: true)?.status.code == 403)
    }

    @Test func tokensAreFreshAndLong() {
        let tokens = Set((0..<100).map { _ in LocalPageGuard.newToken() })
        #expect(tokens.count == 100)
        #expect(tokens.allSatisfy { $0.count == 64 && $0.allSatisfy(\.isHexDigit) })
    }

    @Test func textForAPageIsEscaped() {
        #expect(PageResponse.htmlEscaped(#"<a href="x">'&'</a>"#) == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(PageResponse.jsonString("</script>\n\u{2028}\"\\\u{01}") == #""\u003c/script>\n\u2028\"\\\u0001""#)
    }

    @Test func anEventIsOneBlockOfDataLines() {
        #expect(ServerSentEvent(name: "delivery", data: #"{"a":1}"#).wire == "event: delivery\ndata: {\"a\":1}\n\n")
        #expect(ServerSentEvent(name: "changed").wire == "event: changed\ndata: \n\n")
        #expect(ServerSentEvent(name: "x", data: "a\nb").wire == "event: x\ndata: a\ndata: b\n\n")
    }
}
