import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ZTAPages
@testable import ZTAReceiver

@Suite struct InspectorTests {
    static func delivery(_ n: Int, body: String = #"{"event":"goal","data":{"siteId":"s"}}"#, verified: Bool = true) -> DeliveryRecord {
        var record = DeliveryRecord(
            time: Date(timeIntervalSince1970: 1_765_000_000 + Double(n)), method: "POST", path: "/hook?n=\(n)",
            headers: [.init("Host", "127.0.0.1:8788"), .init("X-ZTA-Signature", "sha256=" + String(repeating: "ab", count: 32)),
                      .init("X-ZTA-Webhook-ID", "wh_\(n)"), .init("X-ZTA-Event", "goal")],
            event: "goal", id: "wh_\(n)", status: verified ? 200 : 401)
        record.body = Array(body.utf8)
        record.site = "s"
        record.name = "crm"
        record.rejection = verified ? nil : .signature(.mismatch)
        record.durationMs = 1.25
        return record
    }

    @Test func keepsTheLastNNewestFirst() async {
        let inspector = DeliveryInspector(keep: 3)
        for n in 1...5 { await inspector.add(Self.delivery(n)) }
        #expect(await inspector.newestFirst.map(\.seq) == [5, 4, 3])
        #expect(await inspector.entry(seq: 2) == nil)
        #expect(await inspector.entry(seq: 4)?.record.id == "wh_4")
        #expect(await inspector.after(seq: 3).map(\.seq) == [4, 5])
        #expect(await inspector.lastSeq == 5)
    }

    @Test func bodiesStayWithinTheirBudgetOldestFirst() async {
        let inspector = DeliveryInspector(keep: 10, maxBodyBytes: 100)
        let body = String(repeating: "x", count: 40)
        for n in 1...4 { await inspector.add(Self.delivery(n, body: body)) }
        let kept = await inspector.newestFirst
        #expect(kept.map(\.bodyDropped) == [false, false, true, true])
        #expect(kept.map { $0.record.body?.count ?? 0 }.reduce(0, +) <= 100)
        // One body over the whole budget is still kept while it is the newest.
        await inspector.add(Self.delivery(5, body: String(repeating: "y", count: 150)))
        #expect(await inspector.newestFirst.first?.record.body?.count == 150)
        #expect(await inspector.newestFirst.dropFirst().allSatisfy { $0.record.body == nil })
    }

    @Test func prettyPrintingKeepsOrderAndBytes() {
        let body = Array(#"{"z":1,"a":[1.50,{"k":"v, [x]: {y}"},[]],"e":{},"s":"q\"}"}"#.utf8)
        #expect(JSONIndenter.indent(body) == """
            {
              "z": 1,
              "a": [
                1.50,
                {
                  "k": "v, [x]: {y}"
                },
                []
              ],
              "e": {},
              "s": "q\\"}"
            }
            """)
        #expect(InspectorJSON.prettyBody(Array("not json {".utf8)) == nil)
        #expect(InspectorJSON.prettyBody([]) == nil)
    }

    @Test func theDetailExplainsWithoutTheSignatureAndCopiesExactBytes() throws {
        let body = "{\"a\":\"it's <script>alert(1)</script>\"}\n"
        let entry = DeliveryInspector.Entry(seq: 7, record: Self.delivery(7, body: body))
        let text = InspectorJSON.detail(entry, listenURL: "http://127.0.0.1:8788", secretsFile: "/tmp/my secrets.json")
        // The signature as received is in its header and in the verify command, nowhere else.
        #expect(text.components(separatedBy: String(repeating: "ab", count: 32)).count - 1 == 3)
        #expect(!text.contains("<script>"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["bodyText"] as? String == body)
        #expect((object["check"] as? [String: Any])?["header"] as? String == "sha256=ababababa…")
        #expect((object["check"] as? [String: Any])?["result"] as? String == "match")
        let verify = try #require(object["verifyCommand"] as? String)
        #expect(verify.hasSuffix("ztahooks verify --signature sha256=\(String(repeating: "ab", count: 32)) --webhook-id wh_7 --secrets-file '/tmp/my secrets.json'"))
        let curl = try #require(object["curlCommand"] as? String)
        #expect(curl.contains("curl -sS -X POST 'http://127.0.0.1:8788/hook?n=7'") && !curl.contains("Host:"))
        // The commands carry the exact bytes: run the pipe's first half.
        let encoded = try #require(verify.firstMatch(of: /printf %s ([A-Za-z0-9+\/=]+) \| base64 -d/))
        #expect(Data(base64Encoded: String(encoded.1)) == Data(body.utf8))
    }

    @Test func shellWordsAreQuotedSafely() {
        #expect(ShellQuote.word("plain-word_1.2") == "plain-word_1.2")
        #expect(ShellQuote.word("it's") == #"'it'\''s'"#)
        #expect(ShellQuote.word("a b;$(rm -rf /)`x`") == "'a b;$(rm -rf /)`x`'")
        #expect(ShellQuote.word("line\nbreak\u{07}") == "'linebreak'")
        #expect(ShellQuote.word("") == "''")
    }

    private func app(_ inspector: DeliveryInspector, token: String, receiver: DeliveryReceiver) -> some ApplicationProtocol {
        Application(responder: InspectorResponder(
            inspector: inspector, pageGuard: LocalPageGuard(token: token), target: "http://localhost:3000/hook?key=k",
            secretsFile: "secrets.json", listenURL: { "http://127.0.0.1:8788" }, receiver: receiver))
    }

    /// A receiver with no secrets: every replay is refused (no secret for the webhook), and seen.
    private func receiver(_ inspector: DeliveryInspector) throws -> DeliveryReceiver {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("inspector-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let secrets = try ListenSecrets(path: directory.appendingPathComponent("none.json").path, acceptEmptyFile: true, key: nil,
                                        retiredGrace: .zero) { _ in }
        return DeliveryReceiver(secrets: secrets, forwarder: nil, observers: [inspector])
    }

    @Test func thePageTheListAndTheRefusals() async throws {
        let inspector = DeliveryInspector()
        await inspector.add(Self.delivery(1))
        await inspector.add(Self.delivery(2, body: "<script>alert(1)</script>", verified: false))
        let token = LocalPageGuard.newToken()
        try await app(inspector, token: token, receiver: try receiver(inspector)).test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                #expect(page.contains(token))
                #expect(!page.contains("key=k"))
                #expect(response.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("script-src 'self'") == true)
            }
            try await client.execute(uri: "/api/deliveries", method: .get) { response in
                let text = String(buffer: response.body)
                let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
                let rows = try #require(object["deliveries"] as? [[String: Any]])
                #expect(rows.map { $0["seq"] as? Int } == [2, 1])
                #expect(rows.first?["reason"] as? String == "signature does not match the body and the secret")
                #expect(object["keep"] as? Int == 500)
                #expect(object["listen"] as? String == "http://127.0.0.1:8788")
            }
            try await client.execute(uri: "/api/deliveries/2", method: .get) { response in
                #expect(!String(buffer: response.body).contains("<script>"))
            }
            try await client.execute(uri: "/api/deliveries/1/replay", method: .post) { response in
                #expect(response.status == .forbidden)
            }
            let tokenHeader = HTTPField.Name("X-ZTAHooks-Token")!
            try await client.execute(uri: "/api/deliveries/1/replay", method: .post,
                                     headers: [tokenHeader: token, HTTPField.Name("Origin")!: "http://evil.example"]) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/deliveries/99/replay", method: .post, headers: [tokenHeader: token]) { response in
                #expect(response.status == .notFound)
            }
        }
        #expect(await inspector.lastSeq == 2)
    }

    @Test func aReplayGoesThroughTheReceiverAndAnswersTheNewNumber() async throws {
        let inspector = DeliveryInspector()
        await inspector.add(Self.delivery(1))
        let token = LocalPageGuard.newToken()
        let sent = try await app(inspector, token: token, receiver: try receiver(inspector)).test(.router) { client in
            try await client.execute(uri: "/api/deliveries/1/replay", method: .post,
                                     headers: [HTTPField.Name("X-ZTAHooks-Token")!: token]) { response in
                #expect(response.status == .ok)
                return String(buffer: response.body)
            }
        }
        #expect(sent == #"{"seq":2}"#)
        let replayed = try #require(await inspector.entry(seq: 2))
        #expect(replayed.record.replayOf == 1)
        #expect(replayed.record.body == Self.delivery(1).body)
        #expect(replayed.record.rejection == .unknownWebhook)
    }
}
