import Foundation
import Testing
import ZTASim

@Suite struct CreateTests {
    @Test func createAnswersTheDocumentedShape() async throws {
        try await SimHarness.with { sim async throws in
            let answer = try await sim.create(events: ["pageview", "event", "goal"], description: "Production")
            #expect(answer.status == 200)
            #expect(answer.header("Content-Type") == "application/json")
            #expect(Set(answer.object.keys) == ["webhook"])
            let webhook = answer.webhook
            #expect(Set(webhook.keys) == ["id", "url", "events", "secret", "active", "createdAt"])
            #expect(webhook["url"] as? String == "https://hooks.example.com/a")
            #expect(webhook["events"] as? [String] == ["pageview", "event", "goal"])
            #expect(webhook["active"] as? Bool == true)
            let id = try #require(webhook["id"] as? String)
            #expect(id.wholeMatch(of: /wh_[0-9a-z]{24}/) != nil)
            let secret = try #require(webhook["secret"] as? String)
            #expect(secret.wholeMatch(of: /whsec_[0-9A-Za-z]{32}/) != nil)
            let createdAt = try #require(webhook["createdAt"] as? String)
            #expect(createdAt.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil)
        }
    }

    @Test func createAnswerKeepsTheDocumentsKeyOrder() async throws {
        try await SimHarness.with(SimOptions(seed: 1)) { sim async throws in
            let text = try await sim.create(events: ["goal"]).text
            let keys = ["\"webhook\"", "\"id\"", "\"url\"", "\"events\"", "\"secret\"", "\"active\"", "\"createdAt\""]
            let positions = keys.compactMap { text.range(of: $0)?.lowerBound }
            #expect(positions.count == keys.count)
            #expect(positions == positions.sorted(), "keys out of order in \(text)")
            #expect(text.contains(#""url":"https://hooks.example.com/a""#))
        }
    }

    @Test func descriptionIsStoredButNeverReturned() async throws {
        try await SimHarness.with { sim async throws in
            let answer = try await sim.create(description: "Ops channel")
            #expect(!answer.text.contains("Ops channel"))
            let stored = try #require(await sim.server.state.webhooks.first)
            #expect(stored.description == "Ops channel")
        }
    }

    @Test func createStatusIsAQuirkSwitch() async throws {
        try await SimHarness.with(SimOptions(createStatus: 201)) { sim async throws in
            let answer = try await sim.create()
            #expect(answer.status == 201)
            #expect(answer.webhook["secret"] is String)
        }
    }

    @Test(arguments: [
        "http://hooks.example.com/a", "ftp://hooks.example.com/", "not a url", "https://", "hooks.example.com/a", "",
    ])
    func nonHTTPSURLIsRefused(url: String) async throws {
        try await SimHarness.with { sim async throws in
            let answer = try await sim.create(url: url)
            #expect(answer.status == 400)
            #expect(answer.text == #"{"error":"URL must use HTTPS"}"#)
            #expect(await sim.server.state.webhooks.isEmpty)
        }
    }

    @Test func uppercaseSchemeIsHTTPS() async throws {
        try await SimHarness.with { sim async throws in
            #expect(try await sim.create(url: "HTTPS://hooks.example.com/a").status == 200)
        }
    }

    @Test func unknownEventTypeIsNamed() async throws {
        try await SimHarness.with { sim async throws in
            let answer = try await sim.create(events: ["pageview", "invalid_event"])
            #expect(answer.status == 400)
            #expect(answer.text == #"{"error":"Invalid event type: invalid_event"}"#)
        }
    }

    @Test func allFiveEventTypesAreAccepted() async throws {
        try await SimHarness.with { sim async throws in
            let answer = try await sim.create(events: ["pageview", "event", "goal", "alert", "session_end"])
            #expect(answer.status == 200)
        }
    }

    @Test func sixthEventTypeIsRefused() async throws {
        try await SimHarness.with { sim async throws in
            let answer = try await sim.create(events: ["pageview", "event", "goal", "alert", "session_end", "pageview"])
            #expect(answer.status == 400)
            #expect(answer.error == "Maximum 5 event types per webhook")
        }
    }

    @Test func emptyEventsAreRefused() async throws {
        try await SimHarness.with { sim async throws in
            let answer = try await sim.create(events: [])
            #expect(answer.status == 400)
            #expect(answer.error == "At least one event type is required")
        }
    }

    @Test func eleventhWebhookOfASiteIsRefused() async throws {
        try await SimHarness.with { sim async throws in
            for index in 1...10 {
                #expect(try await sim.create(url: "https://hooks.example.com/\(index)").status == 200)
            }
            let answer = try await sim.create(url: "https://hooks.example.com/11")
            #expect(answer.status == 400)
            #expect(answer.text == #"{"error":"Maximum 10 webhooks per site"}"#)
            #expect(await sim.server.state.webhooks.count == 10)
            // The limit is per site.
            #expect(try await sim.create(site: "site_other").status == 200)
        }
    }

    @Test func deletingFreesAPlace() async throws {
        try await SimHarness.with { sim async throws in
            var ids: [String] = []
            for index in 1...10 {
                ids.append(try await sim.create(url: "https://hooks.example.com/\(index)").webhook["id"] as! String)
            }
            #expect(try await sim.delete(ids[0]).status == 200)
            #expect(try await sim.create(url: "https://hooks.example.com/new").status == 200)
        }
    }

    @Test(arguments: [
        ("", "Invalid JSON body"),
        ("{not json", "Invalid JSON body"),
        ("[1,2]", "Invalid JSON body"),
        (#"{"url":"https://a.example.com/","events":["goal"]}"#, "siteId is required"),
        (#"{"siteId":7,"url":"https://a.example.com/","events":["goal"]}"#, "siteId is required"),
        (#"{"siteId":"s","events":["goal"]}"#, "url is required"),
        (#"{"siteId":"s","url":42,"events":["goal"]}"#, "url must be a string"),
        (#"{"siteId":"s","url":"https://a.example.com/"}"#, "events is required"),
        (#"{"siteId":"s","url":"https://a.example.com/","events":"goal"}"#, "events must be an array of strings"),
        (#"{"siteId":"s","url":"https://a.example.com/","events":["goal",1]}"#, "events must be an array of strings"),
        (#"{"siteId":"s","url":"https://a.example.com/","events":["goal"],"description":5}"#, "description must be a string"),
    ])
    func malformedBodiesAreBadRequests(body: String, message: String) async throws {
        try await SimHarness.with { sim async throws in
            let answer = try await sim.send("POST", "/api/webhooks", json: body)
            #expect(answer.status == 400)
            #expect(answer.error == message)
            #expect(answer.header("Content-Type") == "application/json")
        }
    }

    @Test func unknownFieldsAreIgnored() async throws {
        try await SimHarness.with { sim async throws in
            let body = #"{"siteId":"s","url":"https://a.example.com/","events":["goal"],"colour":"blue"}"#
            #expect(try await sim.send("POST", "/api/webhooks", json: body).status == 200)
        }
    }

    @Test func bodyOverOneMebibyteIsTooLarge() async throws {
        try await SimHarness.with { sim async throws in
            let padding = String(repeating: "x", count: (1 << 20) + 10)
            let body = #"{"siteId":"s","url":"https://a.example.com/","events":["goal"],"description":"\#(padding)"}"#
            let answer = try await sim.send("POST", "/api/webhooks", json: body)
            #expect(answer.status == 413)
            #expect(answer.error == "Request body too large")
            #expect(await sim.server.state.webhooks.isEmpty)
            // The server is still answering.
            #expect(try await sim.list("s").status == 200)
        }
    }
}
