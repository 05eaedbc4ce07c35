import Foundation
import Testing
@testable import ZTASim

/// A clock the test moves by hand.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value = Duration.zero

    func advance(by step: Duration) {
        lock.withLock { value += step }
    }

    var now: Duration { lock.withLock { value } }
}

@Suite struct FaultDecisionTests {
    @Test func rateLimitIsATokenBucketThatRefillsAtTheRate() async {
        let clock = ManualClock()
        let faults = SimFaults(options: SimOptions(rateLimit: 4, rateBurst: 2), elapsed: { clock.now })
        var verdicts: [SimFaults.Verdict] = []
        for _ in 0..<3 { verdicts.append(await faults.arrive().verdict) }
        // The burst passes; the next is refused, and a refusal takes no token.
        #expect(verdicts == [.proceed, .proceed, .rateLimited(retryAfter: 1)])
        clock.advance(by: .milliseconds(249))
        #expect(await faults.arrive().verdict == .rateLimited(retryAfter: 1))
        clock.advance(by: .milliseconds(1))
        #expect(await faults.arrive().verdict == .proceed)
        // A quiet spell fills the bucket up to the burst, no further.
        clock.advance(by: .seconds(10))
        verdicts = []
        for _ in 0..<3 { verdicts.append(await faults.arrive().verdict) }
        #expect(verdicts == [.proceed, .proceed, .rateLimited(retryAfter: 1)])
    }

    @Test func retryAfterIsTheWholeSecondsUntilATokenAndTheBurstDefaultsToOneSecond() async {
        let clock = ManualClock()
        // One request a second: a spent bucket needs a second for the next.
        let slow = SimFaults(options: SimOptions(rateLimit: 1), elapsed: { clock.now })
        #expect(await slow.arrive().verdict == .proceed)
        #expect(await slow.arrive().verdict == .rateLimited(retryAfter: 1))
        let faults = SimFaults(options: SimOptions(rateLimit: 3), elapsed: { clock.now })
        var passed = 0
        for _ in 0..<5 where await faults.arrive().verdict == .proceed { passed += 1 }
        #expect(passed == 3)
        // Turning the limit off and on again starts from a full bucket.
        await faults.update(SimFaultUpdate(rateLimit: 0))
        #expect(await faults.arrive().verdict == .proceed)
        await faults.update(SimFaultUpdate(rateLimit: 3))
        passed = 0
        for _ in 0..<5 where await faults.arrive().verdict == .proceed { passed += 1 }
        #expect(passed == 3)
    }

    @Test func scriptsFireInOrderOfPrecedenceAndRunOut() async {
        let faults = SimFaults(options: SimOptions())
        await faults.update(SimFaultUpdate(
            failNext: 1, failStatus: 502, rateLimitNext: 1, retryAfter: 3, stallNext: 1, stallSeconds: 0.25))
        let first = await faults.arrive()
        #expect(first.verdict == .rateLimited(retryAfter: 3))
        #expect(first.delay == .milliseconds(250))
        let second = await faults.arrive()
        #expect(second.verdict == .fail(status: 502))
        #expect(second.delay == .zero)
        #expect(await faults.arrive().verdict == .proceed)
    }

    @Test func dropScriptComesBeforeTheRate() async {
        let faults = SimFaults(options: SimOptions())
        await faults.update(SimFaultUpdate(dropNextCreates: 2))
        #expect(await faults.dropCreate())
        #expect(await faults.dropCreate())
        #expect(!(await faults.dropCreate()))
    }

    @Test func resetRestoresTheStartingOptions() async {
        let faults = SimFaults(options: SimOptions(latency: .milliseconds(7), failRate: 0.1))
        await faults.update(SimFaultUpdate(latencyMs: 100, failRate: 0.9, failNext: 4))
        await faults.reset()
        let snapshot = await faults.snapshot
        #expect(snapshot.latencyMs == 7)
        #expect(snapshot.failRate == 0.1)
        #expect(snapshot.failNext == 0)
    }
}

@Suite struct RandomTests {
    @Test func splitMix64MatchesItsReferenceOutput() {
        // Reference values of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func seededIdsAndSecretsRepeat() async throws {
        func mint() async throws -> [SimWebhook] {
            let state = try SimState(seed: 7, now: { Date(timeIntervalSince1970: 0) })
            _ = try await state.create(siteId: "s", url: "https://a.example.com/", events: ["goal"], description: nil)
            _ = try await state.create(siteId: "s", url: "https://b.example.com/", events: ["goal"], description: nil)
            return await state.webhooks
        }
        let first = try await mint()
        #expect(first == (try await mint()))
        #expect(first[0].id != first[1].id)
        #expect(first[0].secret != first[1].secret)
    }

    @Test func unseededIdsDiffer() async throws {
        let a = try SimState()
        let b = try SimState()
        let x = try await a.create(siteId: "s", url: "https://a.example.com/", events: ["goal"], description: nil)
        let y = try await b.create(siteId: "s", url: "https://a.example.com/", events: ["goal"], description: nil)
        #expect(x.id != y.id)
        #expect(x.secret != y.secret)
    }
}

@Suite struct TimestampTests {
    @Test(arguments: [
        (1_734_019_200.0, "2024-12-12T16:00:00.000Z"),
        (1_734_019_200.123_9, "2024-12-12T16:00:00.123Z"),
        (0.0, "1970-01-01T00:00:00.000Z"),
        (951_782_400.5, "2000-02-29T00:00:00.500Z"),
    ])
    func formatsWithMilliseconds(seconds: Double, expected: String) {
        #expect(SimTimestamp.string(from: Date(timeIntervalSince1970: seconds)) == expected)
    }
}

@Suite struct CreateRequestTests {
    @Test func checksRunInTheServersOrder() {
        var request = CreateRequest(siteId: "s", url: "http://a.example.com/", events: ["nope"], description: nil)
        #expect(request.problem == "URL must use HTTPS")
        request.url = "https://a.example.com/"
        #expect(request.problem == "Invalid event type: nope")
        request.events = ["pageview", "event", "goal", "alert", "session_end", "nope"]
        #expect(request.problem == "Maximum 5 event types per webhook")
        request.events = ["session_end"]
        #expect(request.problem == nil)
    }

    /// What the document leaves open, refused so that no answer breaks the emulator's own contract.
    @Test func aURLThatIsNoURIAndARepeatedEventAreRefused() {
        var request = CreateRequest(siteId: "s", url: "https://a.example.com/a b", events: ["goal"], description: nil)
        #expect(request.problem == "Invalid URL")
        request.url = "https://a.example.com/é"
        #expect(request.problem == "Invalid URL")
        request.url = "https://a.example.com/%C3%A9?x=1"
        #expect(request.problem == nil)
        request.events = ["goal", "alert", "goal"]
        #expect(request.problem == "Duplicate event type: goal")
    }
}
