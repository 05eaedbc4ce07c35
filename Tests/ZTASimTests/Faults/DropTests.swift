import Foundation
import Testing
import ZTASim

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite struct DropTests {
    @Test func droppedCreateIsStoredButNeverAnswered() async throws {
        try await SimHarness.with { sim async throws in
            try await sim.setFaults(#"{"dropNextCreates": 1}"#)
            // A fresh session: on a reused keep-alive connection libcurl (URLSession on Linux) silently
            // re-sends a POST whose connection died, which would hide the drop.
            let fresh = SimHarness(server: sim.server, session: URLSession(configuration: .ephemeral))
            defer { fresh.session.invalidateAndCancel() }
            await #expect(throws: (any Error).self) {
                _ = try await fresh.create(url: "https://dropped.example.com/")
            }
            let stored = await sim.server.state.webhooks
            #expect(stored.map(\.url) == ["https://dropped.example.com/"])
            #expect(await sim.server.stats.dropped(method: "POST") == 1)
            #expect(await sim.server.stats.count(method: "POST") == 1)
            // The next create is answered normally.
            #expect(try await sim.create(url: "https://next.example.com/").status == 200)
        }
    }

    @Test func rawClientSeesTheConnectionCloseWithoutAnyBytes() async throws {
        try await SimHarness.with(SimOptions(dropAfterCommit: 1)) { sim async throws in
            let body = #"{"siteId":"s","url":"https://raw.example.com/","events":["goal"]}"#
            let request = "POST /api/webhooks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: \(body.utf8.count)\r\n\r\n" + body
            let reply = try await RawSocket.exchange(port: sim.server.port, send: Data(request.utf8))
            #expect(reply.closed)
            #expect(reply.bytes.isEmpty, "got \(reply.text)")
            #expect(await sim.server.state.webhooks.map(\.url) == ["https://raw.example.com/"])
        }
    }

    @Test func dropAppliesToCreatesOnly() async throws {
        try await SimHarness.with(SimOptions(dropAfterCommit: 1)) { sim async throws in
            #expect(try await sim.list("s").status == 200)
            #expect(try await sim.delete("wh_missing").status == 404)
        }
    }
}

@Suite struct HostileInputTests {
    @Test func garbageBytesDoNotStopTheServer() async throws {
        try await SimHarness.with { sim async throws in
            var garbage = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) })
            garbage.append(contentsOf: Array("\r\n\r\n".utf8))
            _ = try? await RawSocket.exchange(port: sim.server.port, send: garbage)
            _ = try? await RawSocket.exchange(port: sim.server.port, send: Data("GET / HTTP/1.1\r\nContent-Length: -5\r\n\r\n".utf8))
            #expect(try await sim.list("s").status == 200)
        }
    }

    @Test func deeplyNestedJSONIsABadRequest() async throws {
        try await SimHarness.with { sim async throws in
            let nested = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
            let answer = try await sim.send("POST", "/api/webhooks", json: nested)
            #expect(answer.status == 400)
            #expect(try await sim.list("s").status == 200)
        }
    }

    @Test func declaredHugeBodyIsRefusedAtOnce() async throws {
        try await SimHarness.with { sim async throws in
            let request = "POST /api/webhooks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 999999999\r\nConnection: close\r\n\r\n{"
            let reply = try await RawSocket.exchange(port: sim.server.port, send: Data(request.utf8))
            #expect(reply.text.hasPrefix("HTTP/1.1 413"), "got \(reply.text)")
        }
    }
}
