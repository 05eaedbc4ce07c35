import Foundation
import Testing
import ZTASim

/// The failures in a row that disable a webhook are counted in the state, so that they survive a
/// restart of the emulator (`trigger --sandbox` starts one per event).
@Suite struct DeliveryFailureCountTests {
    static let options = SimOptions(deliveryTimeScale: 1000, disableAfterFailures: 2)

    static func withStateFile<T>(_ body: (String) async throws -> T) async throws -> T {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ztasim-failures-\(UUID().uuidString).json").path
        defer { for file in [path, path + ".log"] { try? FileManager.default.removeItem(atPath: file) } }
        return try await body(path)
    }

    @Test func theCountSurvivesARestart() async throws {
        let receiver = try await TestReceiver.start(statuses: [500])
        try await Self.withStateFile { path in
            var options = Self.options
            options.statePath = path
            let first = try await SimHarness.with(options) { sim async throws in
                _ = try await DeliveryTests.seed(sim, [SimWebhookSeed(siteId: "s", url: receiver.url, events: ["goal"], id: "wh_f")])
                return try await DeliveryTests.publish(sim, #"{"event":"goal","siteId":"s","wait":true}"#)
            }
            #expect(first.map(\.disabledWebhook) == [false])
            let second = try await SimHarness.with(options) { sim async throws in
                try await DeliveryTests.publish(sim, #"{"event":"goal","siteId":"s","wait":true}"#)
            }
            #expect(second.map(\.disabledWebhook) == [true])
            let state = try SimState(statePath: path)
            #expect(await state.webhook(id: "wh_f")?.active == false)
            #expect(await state.webhook(id: "wh_f")?.failuresInARow == 2)
        }
        await receiver.stop()
    }

    @Test func aDeliveredEventEndsTheRun() async throws {
        let receiver = try await TestReceiver.start(statuses: [500, 500, 500, 200, 500])
        try await SimHarness.with(Self.options) { sim async throws in
            _ = try await DeliveryTests.seed(sim, [SimWebhookSeed(siteId: "s", url: receiver.url, events: ["goal"], id: "wh_f")])
            let publish = #"{"event":"goal","siteId":"s","wait":true}"#
            // Failed (3 attempts), then delivered, then failed: never two in a row.
            #expect(try await DeliveryTests.publish(sim, publish).map(\.delivered) == [false])
            #expect(await sim.server.state.webhook(id: "wh_f")?.failuresInARow == 1)
            #expect(try await DeliveryTests.publish(sim, publish).map(\.delivered) == [true])
            #expect(await sim.server.state.webhook(id: "wh_f")?.failuresInARow == nil)
            #expect(try await DeliveryTests.publish(sim, publish).map(\.disabledWebhook) == [false])
            #expect(await sim.server.state.webhook(id: "wh_f")?.active == true)
        }
        await receiver.stop()
    }
}
