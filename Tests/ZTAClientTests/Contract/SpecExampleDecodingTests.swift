import Foundation
import Testing
import ZTAJSON
@testable import ZTAClient
import ZTAHooksCore

/// The client reads every answer the contract gives as an example, as it reads the real API's.
struct SpecExampleDecodingTests {
    static let contract = APIContract.embedded

    static func bytes(_ value: JSONValue) throws -> Data { try JSONEncoder().encode(value) }

    @Test func everyListExampleDecodes() throws {
        let examples = Self.contract.examples(method: "get", status: "200")
        #expect(examples.count >= 2)
        for example in examples {
            let decoded = try ResponseDecoding.webhookList(Self.bytes(example)).get()
            #expect(decoded.count == example["webhooks"]?.arrayValue?.count)
            #expect(decoded.map(\.id) == example["webhooks"]?.arrayValue?.compactMap { $0["id"]?.stringValue })
        }
    }

    @Test func everyCreateExampleDecodesWithItsSecret() throws {
        let examples = Self.contract.examples(method: "post", status: "200") + Self.contract.examples(method: "post", status: "201")
        #expect(!examples.isEmpty)
        for example in examples {
            let created = try ResponseDecoding.createdWebhook(Self.bytes(example)).get()
            #expect(created.webhook.id == example["webhook"]?["id"]?.stringValue)
            #expect(created.secret == example["webhook"]?["secret"]?.stringValue)
            #expect(created.webhook.createdAt != nil)
        }
    }

    @Test func everyErrorExampleGivesItsWordsScrubbed() throws {
        var seen = 0
        for (method, status) in [("get", "400"), ("get", "403"), ("post", "400"), ("post", "403"), ("delete", "404"), ("get", "401")] {
            for example in Self.contract.examples(method: method, status: status) {
                let words = try #require(example["error"]?.stringValue)
                #expect(ResponseDecoding.serverMessage(try Self.bytes(example)) == words, "\(method) \(status)")
                seen += 1
            }
        }
        #expect(seen >= 5)
    }
}
