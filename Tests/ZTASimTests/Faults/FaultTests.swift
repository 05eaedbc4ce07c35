import Foundation
import Testing
import ZTASim

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite struct FaultTests {
    @Test func failNextAnswersTheScriptedStatusWithoutDoingAnything() async throws {
        try await SimHarness.with { sim async throws in
            try await sim.setFaults(#"{"failNext": 2, "failStatus": 503}"#)
            for _ in 0..<2 {
                let answer = try await sim.create()
                #expect(answer.status == 503)
                #expect(answer.text == #"{"error":"Internal server error"}"#)
                #expect(answer.header("Content-Type") == "application/json")
            }
            #expect(await sim.server.state.webhooks.isEmpty)
            #expect(try await sim.create().status == 200)
            #expect(await sim.server.stats.count(method: "POST", status: 503) == 2)
        }
    }

    @Test func failRateOneFailsEveryAPIRequestWithA5xx() async throws {
        try await SimHarness.with(SimOptions(failRate: 1)) { sim async throws in
            for _ in 0..<6 {
                let answer = try await sim.list("s")
                #expect([500, 502, 503].contains(answer.status))
                #expect(answer.error == "Internal server error")
            }
            // Control endpoints are never faulted.
            #expect(try await sim.send("GET", "/_sim/state").status == 200)
        }
    }

    @Test func seededFailRateRepeatsExactly() async throws {
        func statuses() async throws -> [Int] {
            try await SimHarness.with(SimOptions(failRate: 0.5, seed: 42)) { sim async throws in
                var result: [Int] = []
                for _ in 0..<20 { result.append(try await sim.list("s").status) }
                return result
            }
        }
        let first = try await statuses()
        #expect(first == (try await statuses()))
        #expect(first.contains(200))
        #expect(first.contains { $0 >= 500 })
    }

    @Test func rateLimitNextAnswers429WithRetryAfter() async throws {
        try await SimHarness.with { sim async throws in
            try await sim.setFaults(#"{"rateLimitNext": 1, "retryAfter": 7}"#)
            let answer = try await sim.list("s")
            #expect(answer.status == 429)
            #expect(answer.header("Retry-After") == "7")
            #expect(answer.text == #"{"error":"Too many requests"}"#)
            #expect(try await sim.list("s").status == 200)
        }
    }

    @Test func rateLimitAnswers429WhenTheBudgetIsSpent() async throws {
        // A budget of 1 with two requests in flight at once: at least one must be refused
        // unless a second passed between them, which concurrent requests make impossible in practice.
        try await SimHarness.with(SimOptions(rateLimit: 1)) { sim async throws in
            try await sim.setFaults(#"{"latencyMs": 0}"#)
            let answers = try await withThrowingTaskGroup(of: HTTPAnswer.self) { group in
                for _ in 0..<5 { group.addTask { try await sim.list("s") } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let limited = answers.filter { $0.status == 429 }
            #expect(!limited.isEmpty)
            #expect(limited.allSatisfy { $0.header("Retry-After") == "1" && $0.error == "Too many requests" })
        }
    }

    @Test func aRateLimitRefusesAtTheDoorBeforeTheLatency() async throws {
        try await SimHarness.with(SimOptions(latency: .seconds(2), rateLimit: 1, rateBurst: 1)) { sim async throws in
            // The first takes the only token and waits out the latency meanwhile.
            let first = Task { try await sim.list("s") }
            try await Task.sleep(for: .milliseconds(100))
            // curl, apart from this process's HTTP stack, which queues the second behind the first.
            let curl = Process()
            curl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            curl.arguments = ["curl", "-s", "-o", "/dev/null", "-D", "-", "-w", "time %{time_total}\n", sim.server.baseURL + "/api/webhooks?siteId=s"]
            let output = Pipe()
            curl.standardOutput = output
            try curl.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            curl.waitUntilExit()
            #expect(try await first.value.status == 200)
            #expect(text.hasPrefix("HTTP/1.1 429"))
            #expect(text.lowercased().contains("retry-after: 1\r\n"))
            let seconds = try #require(text.components(separatedBy: "time ").last.flatMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
            // Well under the 2 s every answer the API handles waits.
            #expect(seconds < 1)
        }
    }

    @Test func latencyDelaysAnswersButChangesNothingElse() async throws {
        try await SimHarness.with(SimOptions(latency: .milliseconds(20))) { sim async throws in
            #expect(try await sim.create().status == 200)
            let faults = await sim.server.faults.snapshot
            #expect(faults.latencyMs == 20)
        }
    }

    @Test func stallNextProvokesAClientTimeout() async throws {
        try await SimHarness.with { sim async throws in
            try await sim.setFaults(#"{"stallNext": 1, "stallSeconds": 2}"#)
            let error = await #expect(throws: URLError.self) {
                _ = try await sim.send("GET", "/api/webhooks?siteId=s", timeout: 0.2)
            }
            #expect(error?.code == .timedOut)
            #expect(try await sim.list("s").status == 200)
        }
    }

    @Test func invalidFaultValuesAreRefused() async throws {
        try await SimHarness.with { sim async throws in
            let answer = try await sim.send("POST", "/_sim/faults", json: #"{"failRate": 1.5}"#)
            #expect(answer.status == 400)
            #expect(answer.error == "failRate must be between 0 and 1")
            let status = try await sim.send("POST", "/_sim/faults", json: #"{"failNext": 1, "failStatus": 200}"#)
            #expect(status.error == "failStatus must be between 400 and 599")
            #expect(await sim.server.faults.snapshot.failNext == 0)
        }
    }

    @Test func faultsCanBeSetInProcess() async throws {
        try await SimHarness.with { sim async throws in
            #expect(await sim.server.faults.update(SimFaultUpdate(failNext: 1, failStatus: 502)) == nil)
            #expect(try await sim.list("s").status == 502)
            #expect(try await sim.list("s").status == 200)
        }
    }

    @Test func faultsAnswerShowsEverySetting() async throws {
        try await SimHarness.with(SimOptions(latency: .milliseconds(5), failRate: 0.25, rateLimit: 50, seed: 9)) { sim async throws in
            let answer = try await sim.send("GET", "/_sim/faults")
            let decoded = try JSONDecoder().decode(SimFaultUpdate.self, from: answer.body)
            #expect(decoded == SimFaultUpdate(
                latencyMs: 5, failRate: 0.25, rateLimit: 50, rateBurst: 0, dropAfterCommit: 0, seed: 9, failNext: 0, failStatus: 500,
                rateLimitNext: 0, retryAfter: 1, dropNextCreates: 0, stallNext: 0, stallSeconds: 0,
                reuseCreateIdNext: 0, answerOtherURLNext: 0, contractBreak: false))
        }
    }

    /// The test-only faults of an API that answers wrongly: a reused create id, another URL, a
    /// broken contract. What is stored stays true; only the answers lie (or the URL changes).
    @Test func wrongAnswerFaultsLieInTheAnswerOnly() async throws {
        try await SimHarness.with(SimOptions()) { sim async throws in
            func create(_ url: String) async throws -> [String: Any] {
                let answer = try await sim.send("POST", "/api/webhooks", json: #"{"siteId": "site_abc123", "url": "\#(url)", "events": ["goal"]}"#)
                let object = try #require(try JSONSerialization.jsonObject(with: answer.body) as? [String: Any])
                return try #require(object["webhook"] as? [String: Any])
            }
            let first = try await create("https://a.example/one")
            _ = try await sim.send("POST", "/_sim/faults", json: #"{"reuseCreateIdNext": 1, "answerOtherURLNext": 1}"#)
            let second = try await create("https://a.example/two")
            #expect(second["id"] as? String == first["id"] as? String)
            #expect(second["url"] as? String == "https://a.example/two-other")
            let third = try await create("https://a.example/three")
            #expect(third["id"] as? String != first["id"] as? String)
            #expect(third["url"] as? String == "https://a.example/three")
            // The listing tells the truth: three webhooks, three ids, the second at the URL it answered.
            let listed = try await sim.send("GET", "/api/webhooks?siteId=site_abc123")
            let webhooks = try #require((try JSONSerialization.jsonObject(with: listed.body) as? [String: Any])?["webhooks"] as? [[String: Any]])
            #expect(Set(webhooks.compactMap { $0["id"] as? String }).count == 3)
            #expect(webhooks.contains { $0["url"] as? String == "https://a.example/two-other" })

            _ = try await sim.send("POST", "/_sim/faults", json: #"{"contractBreak": true}"#)
            let broken = try await sim.send("GET", "/api/webhooks?siteId=site_abc123")
            let brokenHooks = try #require((try JSONSerialization.jsonObject(with: broken.body) as? [String: Any])?["webhooks"] as? [[String: Any]])
            #expect(brokenHooks.allSatisfy { $0["active"] as? String == "yes" && $0["createdAt"] == nil })
        }
    }
}
