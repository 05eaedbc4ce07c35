import Foundation
import Testing
@testable import ZTAHooksCore

struct CreateWebhookRequestJSONTests {
    @Test func theBodyIsCompactJSONInTheOrderCodableWrites() {
        let request = CreateWebhookRequest(siteId: "site_a", url: "https://hooks.example.com/zta",
                                           events: ["pageview", "goal"], description: "Orders")
        #expect(String(decoding: request.jsonBody, as: UTF8.self)
            == #"{"siteId":"site_a","url":"https://hooks.example.com/zta","events":["pageview","goal"],"description":"Orders"}"#)
    }

    @Test func aMissingDescriptionIsLeftOutAndNoEventsIsAnEmptyList() {
        let request = CreateWebhookRequest(siteId: "s", url: "https://h.example/x", events: [])
        #expect(String(decoding: request.jsonBody, as: UTF8.self) == #"{"siteId":"s","url":"https://h.example/x","events":[]}"#)
    }

    @Test(arguments: [
        "quote \" and backslash \\", "controls \u{0}\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1F}\u{7F}", "ünïcödé ✓ 🚀 \u{2028}\u{2029}",
        "slash / and </script>", "",
    ])
    func anyTextReadsBackAsItWasThroughAStrictJSONReader(text: String) throws {
        let request = CreateWebhookRequest(siteId: text, url: "https://h.example/?q=\(text)", events: [text, "goal"],
                                           description: text)
        let decoded = try JSONDecoder().decode(CreateWebhookRequest.self, from: Data(request.jsonBody))
        #expect(decoded == request)
        #expect(try JSONSerialization.jsonObject(with: Data(request.jsonBody)) is [String: Any])
    }
}
