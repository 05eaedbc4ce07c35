import Foundation
import Testing
import ZTASim

@Suite struct DeleteTests {
    @Test func deleteAnswersTheDocumentedBody() async throws {
        try await SimHarness.with { sim async throws in
            let id = try #require(try await sim.create().webhook["id"] as? String)
            let answer = try await sim.delete(id)
            #expect(answer.status == 200)
            #expect(answer.header("Content-Type") == "application/json")
            #expect(answer.text == #"{"success":true,"message":"Webhook deleted successfully"}"#)
            #expect(try await sim.list("site_abc123").webhooks.isEmpty)
        }
    }

    @Test func unknownIdIsNotFound() async throws {
        try await SimHarness.with { sim async throws in
            let answer = try await sim.delete("wh_nothing")
            #expect(answer.status == 404)
            #expect(answer.text == #"{"error":"Webhook not found"}"#)
        }
    }

    @Test func secondDeleteIsNotFound() async throws {
        try await SimHarness.with { sim async throws in
            let id = try #require(try await sim.create().webhook["id"] as? String)
            #expect(try await sim.delete(id).status == 200)
            #expect(try await sim.delete(id).status == 404)
        }
    }

    @Test func missingIdIsABadRequest() async throws {
        try await SimHarness.with { sim async throws in
            let answer = try await sim.send("DELETE", "/api/webhooks")
            #expect(answer.status == 400)
            #expect(answer.error == "id is required")
        }
    }
}

@Suite struct RoutingTests {
    @Test func unknownPathIsNotFoundAsJSON() async throws {
        try await SimHarness.with { sim async throws in
            let answer = try await sim.send("GET", "/api/sites")
            #expect(answer.status == 404)
            #expect(answer.header("Content-Type") == "application/json")
            #expect(answer.error == "Not found")
        }
    }

    @Test func otherMethodsAreNotAllowed() async throws {
        try await SimHarness.with { sim async throws in
            let answer = try await sim.send("PUT", "/api/webhooks", json: "{}")
            #expect(answer.status == 405)
            #expect(answer.header("Allow") == "GET, POST, DELETE")
        }
    }

    @Test func trailingSlashIsTheSameEndpoint() async throws {
        try await SimHarness.with { sim async throws in
            #expect(try await sim.send("GET", "/api/webhooks/?siteId=s").status == 200)
        }
    }
}
