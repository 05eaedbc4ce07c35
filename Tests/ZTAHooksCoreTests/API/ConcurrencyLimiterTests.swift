import Foundation
import Testing
@testable import ZTAHooksCore

/// A continuous clock the test moves by hand.
private final class HandClock: @unchecked Sendable {
    private let lock = NSLock()
    private let start = ContinuousClock.now
    private var offset = Duration.zero

    func advance(by step: Duration) { lock.withLock { offset += step } }
    var now: ContinuousClock.Instant { lock.withLock { start + offset } }
}

@Suite struct ConcurrencyLimiterTests {
    private let clock = HandClock()

    /// The standard tuning but for a start of 8, which keeps the numbers below small.
    private func limiter(_ setting: ConcurrencySetting) -> ConcurrencyLimiter {
        let clock = clock
        var tuning = ConcurrencyLimiter.Tuning.standard
        tuning.start = 8
        return ConcurrencyLimiter(setting, tuning: tuning, now: { clock.now })
    }

    @Test func theStandardTuningStartsAt16AndStopsAt64() {
        let limiter = ConcurrencyLimiter(.auto)
        #expect(limiter.currentLimit == 16)
        #expect(ConcurrencySetting.auto.ceiling == 64)
    }

    /// Takes every slot the limiter has now.
    private func fill(_ limiter: ConcurrencyLimiter) async {
        for _ in 0..<limiter.currentLimit { await limiter.acquire() }
    }

    /// One answer taking `took`, sent now.
    private func answer(_ limiter: ConcurrencyLimiter, took: Duration = .milliseconds(20)) async {
        let ticket = await limiter.sendingWhenFree()
        clock.advance(by: took)
        limiter.record(.answered(took), for: ticket)
    }

    @Test func aFixedNumberNeverMoves() async {
        let limiter = limiter(.fixed(3))
        await fill(limiter)
        for _ in 0..<50  { await answer(limiter) }
        limiter.record(.congested(retryAfter: nil), for: await limiter.sendingWhenFree())
        #expect(limiter.currentLimit == 3)
        #expect(limiter.report == .init(setting: .fixed(3), final: 3, peak: 3, congested: 1))
    }

    @Test func autoStartsModerateAndDoublesWhileAnswersStayFast() async {
        let limiter = limiter(.auto)
        #expect(limiter.currentLimit == 8)
        await fill(limiter)
        // Each fast answer while every slot is taken adds one: a round of 8 answers makes 16.
        for _ in 0..<8 {
            await answer(limiter)
            await fill(limiterFreeSlots: limiter)
        }
        #expect(limiter.currentLimit == 16)
        for _ in 0..<200 {
            await fill(limiterFreeSlots: limiter)
            await answer(limiter)
        }
        #expect(limiter.currentLimit == ConcurrencyLimiter.Tuning.standard.ceiling)
    }

    /// Takes the slots growth has added since the last fill.
    private func fill(limiterFreeSlots limiter: ConcurrencyLimiter) async {
        while limiter.hasFreeSlot { await limiter.acquire() }
    }

    @Test func itDoesNotGrowWhenTheSlotsAreNotWhatHoldsTheRunBack() async {
        let limiter = limiter(.auto)
        await limiter.acquire()
        for _ in 0..<20  { await answer(limiter) }
        #expect(limiter.currentLimit == 8)
    }

    @Test func slowAnswersStopTheDoubling() async {
        let limiter = limiter(.auto)
        await fill(limiter)
        await answer(limiter, took: .milliseconds(20))
        #expect(limiter.currentLimit == 9)
        await fill(limiterFreeSlots: limiter)
        // More than twice the fastest plus the slack: no growth, and no more doubling.
        await answer(limiter, took: .milliseconds(60))
        #expect(limiter.currentLimit == 9)
        for _ in 0..<10  { await answer(limiter) }
        // Additive now: a round of fast answers adds one.
        #expect(limiter.currentLimit == 10)
    }

    @Test func aRateLimitHalvesOncePerRound() async {
        let limiter = limiter(.auto)
        await fill(limiter)
        let first = await limiter.sendingWhenFree()
        let second = await limiter.sendingWhenFree()
        limiter.record(.congested(retryAfter: nil), for: first)
        limiter.record(.congested(retryAfter: nil), for: second)
        // Both were sent before the halving: one halving.
        #expect(limiter.currentLimit == 4)
        limiter.record(.congested(retryAfter: nil), for: await limiter.sendingWhenFree())
        #expect(limiter.currentLimit == 2)
        limiter.record(.congested(retryAfter: nil), for: await limiter.sendingWhenFree())
        limiter.record(.congested(retryAfter: nil), for: await limiter.sendingWhenFree())
        #expect(limiter.currentLimit == 1)
        #expect(limiter.report.halvings == 4)
        #expect(limiter.report.congested == 5)
        #expect(limiter.report.peak == 8)
    }

    @Test func afterAHalvingItWaitsThenGrowsOneSlotPerRound() async {
        let limiter = limiter(.auto)
        await fill(limiter)
        limiter.record(.congested(retryAfter: nil), for: await limiter.sendingWhenFree())
        #expect(limiter.currentLimit == 4)
        // Slots still taken above the new limit are given back first.
        for _ in 0..<4 { limiter.release() }
        for _ in 0..<20  { await answer(limiter, took: .milliseconds(10)) }
        #expect(limiter.currentLimit == 4, "no growth within the calm second after a halving")
        clock.advance(by: .seconds(1))
        for _ in 0..<5  { await answer(limiter) }
        #expect(limiter.currentLimit == 5)
    }

    @Test func aLimitFoundIsNotProbedAgainAtOnceAndTheCalmStartsWhenTheWaitEnds() async {
        let limiter = limiter(.auto)
        await fill(limiter)
        limiter.record(.congested(retryAfter: .seconds(2)), for: await limiter.sendingWhenFree())
        #expect(limiter.currentLimit == 4)
        for _ in 0..<4 { limiter.release() }
        clock.advance(by: .milliseconds(2900))
        for _ in 0..<5 { await answer(limiter) }
        #expect(limiter.currentLimit == 4, "calm until a second after the 2 s wait ended")
        clock.advance(by: .milliseconds(200))
        for _ in 0..<200 {
            await answer(limiter)
            await fill(limiterFreeSlots: limiter)
        }
        // Below the 8 that was halved, for the probation's 10 s.
        #expect(limiter.currentLimit == 7)
        clock.advance(by: .seconds(10))
        for _ in 0..<10 {
            await answer(limiter)
            await fill(limiterFreeSlots: limiter)
        }
        #expect(limiter.currentLimit == 8)
    }

    @Test func retryAfterHoldsEveryRequestBackInBothModes() async {
        for setting in [ConcurrencySetting.fixed(4), .auto] {
            let limiter = limiter(setting)
            #expect(limiter.holdBack() == nil)
            limiter.record(.congested(retryAfter: .seconds(2)), for: await limiter.sendingWhenFree())
            #expect(limiter.holdBack() == .seconds(2))
            clock.advance(by: .milliseconds(500))
            #expect(limiter.holdBack() == .milliseconds(1500))
            // A shorter wait asked meanwhile does not shorten it; a longer one extends it.
            limiter.record(.congested(retryAfter: .seconds(1)), for: await limiter.sendingWhenFree())
            #expect(limiter.holdBack() == .milliseconds(1500))
            limiter.record(.congested(retryAfter: .seconds(3)), for: await limiter.sendingWhenFree())
            #expect(limiter.holdBack() == .seconds(3))
            clock.advance(by: .seconds(3))
            #expect(limiter.holdBack() == nil)
            #expect(limiter.report.heldBack == .milliseconds(3500))
        }
    }

    @Test func afterAHalvingSitesThatHoldSlotsSendNoMoreThanTheNewLimit() async {
        let limiter = limiter(.auto)
        await fill(limiter)
        var tickets: [ConcurrencyLimiter.Ticket] = []
        for _ in 0..<8 { tickets.append(await limiter.sendingWhenFree()) }
        limiter.record(.congested(retryAfter: nil), for: tickets[0])
        #expect(limiter.currentLimit == 4)
        // Seven requests are still on the wire: the next waits until fewer than four are.
        let waiting = Task { await limiter.sendingWhenFree() }
        while limiter.requestsWaiting == 0 { await Task.yield() }
        for ticket in tickets[1...3] { limiter.record(.answered(.milliseconds(20)), for: ticket) }
        #expect(limiter.requestsWaiting == 1)
        limiter.record(.answered(.milliseconds(20)), for: tickets[4])
        _ = await waiting.value
        #expect(limiter.requestsWaiting == 0)
    }

    @Test func growthLetsWaitersIn() async {
        let limiter = limiter(.auto)
        await fill(limiter)
        let waiter = Task { await limiter.acquire() }
        await answer(limiter)
        await waiter.value
        #expect(limiter.currentLimit == 9)
        #expect(!limiter.hasFreeSlot)
    }

    @Test func aWaiterGetsTheSlotOfTheFirstRelease() async {
        let limiter = limiter(.fixed(1))
        await limiter.acquire()
        let waiter = Task { await limiter.acquire(); return true }
        limiter.release()
        #expect(await waiter.value)
        #expect(!limiter.hasFreeSlot)
    }

    @Test(arguments: [("auto", ConcurrencySetting.auto), ("AUTO", .auto), ("1", .fixed(1)), ("256", .fixed(256))])
    func theSettingReadsAutoOrANumber(_ text: String, _ setting: ConcurrencySetting) {
        #expect(ConcurrencySetting(argument: text) == setting)
    }

    @Test(arguments: ["0", "257", "-1", "eight", ""])
    func theSettingRefusesAnythingElse(_ text: String) {
        #expect(ConcurrencySetting(argument: text) == nil)
    }

    @Test func theNoteSaysHowTheAPIPushedBackAndWhatTheLimitDid() {
        #expect(ConcurrencyLimiter.Summary(setting: .auto, final: 8, peak: 8).note == nil)
        #expect(ConcurrencyLimiter.Summary(setting: .auto, final: 2, peak: 64, congested: 14, halvings: 5, heldBack: .milliseconds(3500)).note
            == "note: the API limited the rate: 14 answers were 429 or 503; every request waited 3.5 s in all for Retry-After; --concurrency auto peaked at 64 and ended at 2")
        #expect(ConcurrencyLimiter.Summary(setting: .fixed(16), final: 16, peak: 16, congested: 1).note
            == "note: the API limited the rate: 1 answer was 429 or 503; --concurrency 16 is fixed; auto would adapt to the limit")
    }
}
