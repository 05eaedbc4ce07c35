import Foundation
import Testing
import ZTASim

/// The console at `/`: its page and state carry no secret, its changes need the page's token and
/// its own origin, and no request naming a foreign host is answered.
@Suite struct ConsoleTests {
    /// The token the page holds, read from its HTML as a browser would.
    private func pageToken(_ sim: SimHarness) async throws -> String {
        let page = try await sim.send("GET", "/")
        #expect(page.status == 200)
        #expect(page.header("Content-Type")?.hasPrefix("text/html") == true)
        let csp = try #require(page.header("Content-Security-Policy"))
        #expect(csp.contains("default-src 'none'") && csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"))
        #expect(page.header("X-Content-Type-Options") == "nosniff")
        let match = try #require(page.text.firstMatch(of: /name="ztahooks-token" content="([0-9a-f]{64})"/))
        return String(match.1)
    }

    @Test func pageAndStateShowWebhooksWithoutSecrets() async throws {
        try await SimHarness.with { sim async throws in
            let created = try await sim.create(site: "site_console")
            let secret = try #require(created.webhook["secret"] as? String)
            _ = try await pageToken(sim)
            let state = try await sim.send("GET", "/_console/state")
            #expect(state.status == 200)
            #expect(!state.text.contains(secret) && !state.text.contains("whsec_"))
            let sites = try #require(state.object["sites"] as? [[String: Any]])
            #expect(sites.first?["siteId"] as? String == "site_console")
            let webhook = try #require((sites.first?["webhooks"] as? [[String: Any]])?.first)
            #expect(Set(webhook.keys) == ["id", "url", "events", "active", "failuresInARow", "createdAt", "lastTriggered"])
            let faults = try #require(state.object["faults"] as? [String: Any])
            #expect((faults["names"] as? [String])?.contains("api-errors") == true)
            #expect((faults["active"] as? [String]) == [])
            for asset in ["/_console/console.js", "/_console/console.css"] {
                let answer = try await sim.send("GET", asset)
                #expect(answer.status == 200 && !answer.text.contains("whsec_"))
            }
        }
    }

    @Test func changesNeedTheTokenAndTheOwnOrigin() async throws {
        try await SimHarness.with { sim async throws in
            let created = try await sim.create(site: "site_console")
            let id = try #require(created.webhook["id"] as? String)
            try await sim.server.state.disable(id: id)
            let token = try await pageToken(sim)
            let body = #"{"id":"\#(id)"}"#
            let noToken = try await sim.send("POST", "/_console/enable", json: body)
            #expect(noToken.status == 403)
            let wrongToken = try await sim.send("POST", "/_console/enable", json: body, headers: ["X-ZTAHooks-Token": String(repeating: "0", count: 64)])
            #expect(wrongToken.status == 403)
            let foreign = try await sim.send("POST", "/_console/enable", json: body,
                                             headers: ["X-ZTAHooks-Token": token, "Origin": "http://evil.example"])
            #expect(foreign.status == 403)
            #expect(await sim.server.state.webhook(id: id)?.active == false)
            let own = try await sim.send("POST", "/_console/enable", json: body,
                                         headers: ["X-ZTAHooks-Token": token, "Origin": sim.server.baseURL])
            #expect(own.status == 204)
            #expect(await sim.server.state.webhook(id: id)?.active == true)
        }
    }

    @Test func foreignHostsAndCrossSiteChangesAreRefusedEverywhere() async throws {
        try await SimHarness.with { sim async throws in
            let rebound = try await sim.send("GET", "/api/webhooks?siteId=s", headers: ["Host": "evil.example:80"])
            #expect(rebound.status == 421)
            #expect(rebound.error?.contains("DNS rebinding") == true)
            let page = try await sim.send("GET", "/", headers: ["Host": "attacker.example"])
            #expect(page.status == 421 && !page.text.contains("ztahooks-token"))
            // The control endpoints take no token, but a browser elsewhere cannot post to them.
            let reset = try await sim.send("POST", "/_sim/reset", headers: ["Origin": "http://evil.example"])
            #expect(reset.status == 403)
            let create = try await sim.send("POST", "/api/webhooks", json: #"{"siteId":"s","url":"https://a.example.com/","events":["goal"]}"#,
                                            headers: ["Origin": "null"])
            #expect(create.status == 403)
            #expect(await sim.server.state.webhooks.isEmpty)
            // Loopback names by any spelling are this emulator.
            for host in ["localhost:\(sim.server.port)", "127.0.0.1:\(sim.server.port)", "LOCALHOST"] {
                #expect(try await sim.send("GET", "/api/webhooks?siteId=s", headers: ["Host": host]).status == 200)
            }
        }
    }

    @Test func allowRemoteServesAnyHost() async throws {
        try await SimHarness.with(SimOptions(allowRemote: true)) { sim async throws in
            #expect(try await sim.send("GET", "/api/webhooks?siteId=s", headers: ["Host": "sim.internal:8787"]).status == 200)
            #expect(try await sim.send("POST", "/_sim/reset", headers: ["Origin": "http://evil.example"]).status == 403)
        }
    }

    @Test func publishEnableAndFaultsChangeTheEmulator() async throws {
        try await SimHarness.with { sim async throws in
            let token = try await pageToken(sim)
            let headers = ["X-ZTAHooks-Token": token]
            let published = try await sim.send("POST", "/_console/publish", json: #"{"siteId":"site_none","event":"goal"}"#, headers: headers)
            #expect(published.status == 202)
            #expect(published.object["queued"] as? Int == 0)
            let badEvent = try await sim.send("POST", "/_console/publish", json: #"{"siteId":"s","event":"nope"}"#, headers: headers)
            #expect(badEvent.status == 400)
            let on = try await sim.send("POST", "/_console/faults", json: #"{"active":["api-errors","contract-break"]}"#, headers: headers)
            #expect(on.status == 204)
            #expect(await sim.server.faults.snapshot.failRate == 1)
            #expect(await sim.server.faults.snapshot.contractBreak == true)
            let state = try await sim.send("GET", "/_console/state")
            #expect(((state.object["faults"] as? [String: Any])?["active"] as? [String]) == ["api-errors", "contract-break"])
            let unknown = try await sim.send("POST", "/_console/faults", json: #"{"active":["everything"]}"#, headers: headers)
            #expect(unknown.status == 400)
            let off = try await sim.send("POST", "/_console/faults", json: #"{"active":[]}"#, headers: headers)
            #expect(off.status == 204)
            #expect(await sim.server.faults.snapshot.failRate == 0)
        }
    }

    @Test func theEventStreamSaysWhenSomethingChanged() async throws {
        try await SimHarness.with { sim async throws in
            let request = "GET /_console/events HTTP/1.1\r\nHost: 127.0.0.1:\(sim.server.port)\r\n\r\n"
            // Reads until the stream says a change, or has been quiet for 10 s.
            let answered = AnsweredFlag()
            let reply = Task {
                defer { answered.set() }
                return try await RawSocket.exchange(port: sim.server.port, send: Data(request.utf8), readTimeoutSeconds: 10,
                                                    until: "event: changed")
            }
            // Changes after the stream began, spaced, until it tells one: a slow start (a loaded
            // machine) still sees one.
            for _ in 0..<20 where !answered.isSet {
                try await Task.sleep(for: .milliseconds(500))
                _ = try await sim.create(site: "site_stream")
            }
            let text = try await reply.value.text
            #expect(text.contains("text/event-stream"))
            #expect(text.contains("event: changed"))
            #expect(!text.contains("whsec_"))
        }
    }

    /// Set once a reply is in, from any thread.
    final class AnsweredFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set() { lock.withLock { value = true } }
        var isSet: Bool { lock.withLock { value } }
    }
}
