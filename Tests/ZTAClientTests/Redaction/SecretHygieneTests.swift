import Foundation
import Testing
import ZTAClient
import ZTAHooksCore
import ZTASim

/// Provokes every kind of error the client can produce, against the emulator and a raw server
/// that echo secrets, and checks that no token or secret reaches any error text.
@Suite struct SecretHygieneTests {
    @Test func noTokenOrSecretInAnyErrorText() async throws {
        var errors: [APIError] = []
        var secrets: [String] = []
        let options = SimOptions(tokens: [SimClientHarness.token: ["site_a"]], seed: 9, listIncludesSecrets: true)
        try await SimClientHarness.with(options, configure: { $0.timeout = .seconds(5); $0.maxAttempts = 2 }) { sim in
            let created = try await sim.client.createWebhook(
                CreateWebhookRequest(siteId: "site_a", url: "https://hooks.example.com/a", events: ["alert"]))
            secrets.append(created.secret)
            func record<T>(_ operation: () async throws(APIError) -> T) async {
                if let error = await expectFailure(operation) { errors.append(error) }
            }
            let site = "site_a"
            await record { () throws(APIError) in try await sim.client { $0.token = "tok_wrong_0000" }.listWebhooks(site: site) }
            await record { () throws(APIError) in try await sim.client.listWebhooks(site: "site_other") }
            await record { () throws(APIError) in try await sim.client.deleteWebhook(id: "wh_nope", site: site) }
            await record { () throws(APIError) in
                try await sim.client.createWebhook(CreateWebhookRequest(siteId: site, url: "http://x.example", events: ["goal"]))
            }
            await record { () throws(APIError) in
                try await sim.client.createWebhook(CreateWebhookRequest(siteId: site, url: "https://x.example", events: ["nope"]))
            }
            await sim.faults(SimFaultUpdate(failNext: 5))
            await record { () throws(APIError) in try await sim.client.listWebhooks(site: site) }
            await sim.faults(SimFaultUpdate(failNext: 0, rateLimitNext: 5))
            await record { () throws(APIError) in try await sim.client.listWebhooks(site: site) }
            await sim.faults(SimFaultUpdate(rateLimitNext: 0, dropNextCreates: 1))
            await record { () throws(APIError) in
                try await sim.client.createWebhook(CreateWebhookRequest(siteId: site, url: "https://y.example", events: ["goal"]))
            }
            await sim.faults(SimFaultUpdate(stallNext: 2, stallSeconds: 12))
            await record { () throws(APIError) in try await sim.client.listWebhooks(site: site) }
            secrets += await sim.server.state.webhooks.map(\.secret)
        }

        // A hostile server that puts the token and a secret into everything it says.
        let echo = "token tok_e2e_7f3a9c and whsec_0123456789abcdef"
        for reply: LoopbackServer.Reply in [
            .respond(status: 400, body: #"{"error": "\#(echo)"}"#),
            .respond(status: 500, body: #"{"error": "\#(echo)"}"#),
            .respond(status: 302, headers: ["Location": "https://evil.example/?t=tok_e2e_7f3a9c"]),
            .respond(status: 200, body: #"{"webhooks": [{"id": 1, "secret": "whsec_0123456789abcdef"}]}"#),
            .respond(status: 200, body: "not json \(echo)"),
            .respond(status: 201, body: #"{"webhook": {"secret": "whsec_0123456789abcdef"}}"#),
        ] {
            let server = try LoopbackServer { _ in reply }
            defer { server.stop() }
            let client = ZTAHTTPClient(
                configuration: ClientConfiguration(baseURL: server.baseURL, token: SimClientHarness.token, maxAttempts: 1),
                timing: RecordedSleeps().timing)
            if let error = await expectFailure({ () throws(APIError) in try await client.listWebhooks(site: "site_a") }) {
                errors.append(error)
            }
            if let error = await expectFailure({ () throws(APIError) in
                try await client.createWebhook(CreateWebhookRequest(siteId: "site_a", url: "https://z.example", events: ["goal"]))
            }) {
                errors.append(error)
            }
        }
        secrets.append("whsec_0123456789abcdef")

        #expect(errors.count >= 20)
        for error in errors {
            for text in [String(describing: error), String(reflecting: error), error.message, error.context] {
                #expect(!text.contains(SimClientHarness.token), "token in: \(text)")
                #expect(!text.contains("tok_wrong_0000"), "token in: \(text)")
                #expect(!text.contains("whsec_"), "secret in: \(text)")
                for secret in secrets {
                    #expect(!text.contains(secret), "secret in: \(text)")
                }
            }
        }
    }
}
