import Foundation
import Testing
import ZTAReceiver
import ZTAWebhooks

/// The seam an inspector uses: every request through the server reaches the observers as a record,
/// and a stored request can be sent through the same path again.
struct DeliveryObserverTests {
    @Test func aDeliveryThroughTheServerIsRecordedWithItsVerdictHeadersAndBody() async throws {
        let harness = try await ReceiverHarness.start()
        let status = try await harness.deliver(ReceiverHarness.payload, path: "/zta?source=test")
        let records = await harness.observer.records
        await harness.stop()

        #expect(status == 200)
        let record = try #require(records.first)
        #expect(records.count == 1)
        #expect(record.verdict == .verified(webhookID: ReceiverHarness.webhookID))
        #expect(record.status == 200)
        #expect(record.method == "POST")
        #expect(record.path == "/zta?source=test")
        #expect(record.body == Array(ReceiverHarness.payload.utf8))
        #expect(record.event == "alert")
        #expect(record.site == "site_abc123")
        #expect(record.name == "ops-alerts")
        #expect(record.forwarding == nil)
        #expect(record.durationMs >= 0)
        let names = record.headers.map { $0.name.lowercased() }
        #expect(names.contains("x-zta-webhook-id"))
        #expect(names.contains("x-zta-signature"))
        #expect(record.headers.first { $0.name.lowercased() == "x-zta-event" }?.value == "alert")
    }

    @Test func aRejectedDeliveryIsRecordedWithTheReason() async throws {
        let harness = try await ReceiverHarness.start()
        let status = try await harness.deliver(ReceiverHarness.payload, secret: "whsec_not_the_one")
        let records = await harness.observer.records
        await harness.stop()

        #expect(status == 401)
        let record = try #require(records.first)
        #expect(record.verdict == .rejected(.signature(.mismatch)))
        #expect(record.rejection?.description == "signature does not match the body and the secret")
        #expect(record.body == Array(ReceiverHarness.payload.utf8))
    }

    @Test func aReplayTakesTheSamePathAndGivesASecondRecord() async throws {
        let harness = try await ReceiverHarness.start()
        _ = try await harness.deliver(ReceiverHarness.payload)
        let first = try #require(await harness.observer.records.first)
        let stored = try #require(first.request)
        let replayed = await harness.server.receiver.replay(stored)
        let records = await harness.observer.records
        await harness.stop()

        #expect(records.count == 2)
        #expect(records.last == replayed)
        #expect(replayed.verdict == .verified(webhookID: ReceiverHarness.webhookID))
        #expect(replayed.status == 200)
        #expect(replayed.body == first.body)
        #expect(replayed.headers == first.headers)
        #expect(replayed.time >= first.time)
    }

    @Test func aRequestRefusedBeforeItsBodyCannotBeReplayedButIsRecorded() async throws {
        let harness = try await ReceiverHarness.start()
        let replayed = await harness.server.receiver.replay(DeliveryRequest(method: "GET", path: "/", headers: [], body: []))
        await harness.stop()

        #expect(replayed.status == 405)
        #expect(replayed.verdict == .rejected(.method("GET")))
        #expect(replayed.request == nil)
    }

    @Test func noRecordHoldsTheSecret() async throws {
        let harness = try await ReceiverHarness.start()
        _ = try await harness.deliver(ReceiverHarness.payload)
        _ = try await harness.deliver(ReceiverHarness.payload, secret: harness.secret + "x")
        _ = try await harness.deliver("not json")
        if let stored = await harness.observer.records.first?.request { _ = await harness.server.receiver.replay(stored) }
        let records = await harness.observer.records
        await harness.stop()

        #expect(records.count == 4)
        for record in records {
            let fields = [String(reflecting: record), record.jsonLine(printBody: true), record.textLine(style: .init(enabled: false), printBody: true),
                          String(decoding: record.body ?? [], as: UTF8.self)] + record.headers.map { "\($0.name): \($0.value)" }
            for field in fields { #expect(!field.contains("whsec_"), "\(field)") }
        }
    }
}
