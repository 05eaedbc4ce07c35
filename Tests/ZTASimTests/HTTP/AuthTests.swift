import Foundation
import Testing
import ZTASim

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite struct AuthTests {
    static let options = SimOptions(tokens: ["tok_alice": ["site_a", "site_b"], "tok_bob": ["site_c"]])

    @Test func openModeNeedsNoToken() async throws {
        try await SimHarness.with { sim async throws in
            #expect(try await sim.list("any_site").status == 200)
            #expect(try await sim.list("any_site", token: "whatever").status == 200)
        }
    }

    @Test func missingTokenIsUnauthorized() async throws {
        try await SimHarness.with(Self.options) { sim async throws in
            for answer in [
                try await sim.list("site_a"), try await sim.create(site: "site_a"), try await sim.delete("wh_x"),
            ] {
                #expect(answer.status == 401)
                #expect(answer.text == #"{"error":"Unauthorized"}"#)
            }
            #expect(await sim.server.state.webhooks.isEmpty)
        }
    }

    @Test func unknownTokenIsUnauthorized() async throws {
        try await SimHarness.with(Self.options) { sim async throws in
            let answer = try await sim.list("site_a", token: "tok_mallory")
            #expect(answer.status == 401)
            #expect(answer.error == "Unauthorized")
        }
    }

    @Test func otherSchemeIsUnauthorized() async throws {
        try await SimHarness.with(Self.options) { sim async throws in
            var request = URLRequest(url: URL(string: sim.server.baseURL + "/api/webhooks?siteId=site_a")!)
            request.setValue("Basic tok_alice", forHTTPHeaderField: "Authorization")
            let (_, response) = try await sim.session.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 401)
        }
    }

    @Test func ownedSitesWork() async throws {
        try await SimHarness.with(Self.options) { sim async throws in
            let created = try await sim.create(site: "site_b", token: "tok_alice")
            #expect(created.status == 200)
            #expect(try await sim.list("site_b", token: "tok_alice").webhooks.count == 1)
            let id = try #require(created.webhook["id"] as? String)
            #expect(try await sim.delete(id, token: "tok_alice").status == 200)
        }
    }

    @Test func siteOfAnotherTokenIsAccessDenied() async throws {
        try await SimHarness.with(Self.options) { sim async throws in
            let list = try await sim.list("site_c", token: "tok_alice")
            #expect(list.status == 403)
            #expect(list.text == #"{"error":"Access denied"}"#)
            let create = try await sim.create(site: "site_c", token: "tok_alice")
            #expect(create.status == 403)
            #expect(create.error == "Access denied")
            #expect(await sim.server.state.webhooks.isEmpty)
        }
    }

    @Test func deletingAnotherSitesWebhookIsAccessDenied() async throws {
        try await SimHarness.with(Self.options) { sim async throws in
            let id = try #require(try await sim.create(site: "site_c", token: "tok_bob").webhook["id"] as? String)
            let answer = try await sim.delete(id, token: "tok_alice")
            #expect(answer.status == 403)
            #expect(answer.error == "Access denied")
            #expect(await sim.server.state.webhooks.count == 1)
        }
    }

    @Test func controlEndpointsNeedNoToken() async throws {
        try await SimHarness.with(Self.options) { sim async throws in
            #expect(try await sim.send("GET", "/_sim/state").status == 200)
        }
    }
}

@Suite struct TokenSpecTests {
    @Test func parsesAndMergesTokens() throws {
        let tokens = try SimTokenSpec.parse(["t1:site_a,site_b", "t2:site_c", "t1:site_d"])
        #expect(tokens == ["t1": ["site_a", "site_b", "site_d"], "t2": ["site_c"]])
    }

    @Test(arguments: ["nocolon", ":site_a", "t1:", "t1:site_a,,site_b", "t 1:site_a"])
    func refusesMalformedValuesWithoutEchoingThem(value: String) {
        #expect(throws: SimTokenSpec.Invalid(position: 2)) {
            try SimTokenSpec.parse(["ok:site", value])
        }
        let message = SimTokenSpec.Invalid(position: 2).description
        #expect(message == "--token value #2 must look like TOKEN:SITE[,SITE...] (a token, a colon, then site IDs separated by commas)")
    }
}
