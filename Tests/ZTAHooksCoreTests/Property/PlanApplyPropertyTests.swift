import Testing
@testable import ZTAHooksCore

/// Plan and apply over thousands of random site files, live states and secrets files, against a
/// model of the API that, in some cases, loses create answers as a dropped connection does.
/// `ZTAHOOKS_PROPERTY_CASES=N` sets the number of cases, and `ZTAHOOKS_PROPERTY_SEED=S` reruns
/// the one case a failure names.
struct PlanApplyPropertyTests {
    /// More failures than this stop the run: a handful of seeds is enough to start on.
    static let failuresShown = 5

    /// Records every property `run` breaks, naming the seed; returns how many broke.
    static func check(_ run: ReconcileRun, _ properties: [ReconcileProperties.Property], what: String = "") -> Int {
        var failures = 0
        for property in properties {
            let problems = property.check(run)
            guard !problems.isEmpty else { continue }
            failures += 1
            Issue.record("seed \(run.input.seed): \(what)property \(property.name) failed: \(problems.joined(separator: " | ")); \(run.summary)")
        }
        return failures
    }

    @Test func everyPropertyHoldsForRandomCases() async {
        let seeds = PropertySeeds()
        var coverage = PropertyCoverage()
        var failures = 0
        for seed in seeds where failures < Self.failuresShown {
            do {
                let run = try await ReconcileRun.run(ReconcileCase(seed: seed))
                coverage.count(run)
                failures += Self.check(run, ReconcileProperties.all)
            } catch {
                Issue.record("seed \(seed): the case could not be run: \(error)")
                failures += 1
            }
        }
        // Only a long run says anything about how often the corners come up.
        if seeds.seeds.count >= 1_000 {
            #expect(coverage.rare(share: 200).isEmpty, "corners the generator hardly reached: \(coverage.rare(share: 200))")
        }
    }

    /// Rotation starts where an apply left off; a quarter as many cases, as each runs twice.
    @Test func rotationKeepsEveryPropertyAndRenewsOnlyItsTargets() async {
        let seeds = PropertySeeds().seeds
        var failures = 0
        for seed in seeds.prefix(Swift.max(1, seeds.count / 4)) where failures < Self.failuresShown {
            do {
                let applied = try await ReconcileRun.run(ReconcileCase(seed: seed))
                var random = PropertyRandom(seed: ~seed)
                let targets = applied.rotationTargets(&random)
                guard !targets.isEmpty else { continue }
                let run = try await ReconcileRun.run(applied.next, rotating: targets)
                let renews: ReconcileProperties.Property = ("rotation renews exactly its targets", { ReconcileProperties.rotates(targets, $0) })
                failures += Self.check(run, ReconcileProperties.all + [renews], what: "rotating \(targets.map(\.description)), ")
            } catch {
                Issue.record("seed \(seed): the case could not be run: \(error)")
                failures += 1
            }
        }
    }

    @Test func theSameSeedGivesTheSameCase() {
        let a = ReconcileCase(seed: 42)
        let b = ReconcileCase(seed: 42)
        let c = ReconcileCase(seed: 43)
        #expect(a.sites == b.sites)
        #expect(a.live == b.live)
        #expect(a.secrets == b.secrets)
        #expect(a.sites != c.sites || a.live != c.live || a.secrets != c.secrets)
    }

    @Test func theSeedsComeFromTheEnvironment() {
        #expect(PropertySeeds(environment: ["ZTAHOOKS_PROPERTY_SEED": "77", "ZTAHOOKS_PROPERTY_CASES": "9"]).seeds == [77])
        #expect(PropertySeeds(environment: ["ZTAHOOKS_PROPERTY_CASES": "9"]).seeds.count == 9)
        #expect(PropertySeeds(environment: [:], defaultCases: 3).seeds.count == 3)
    }
}
