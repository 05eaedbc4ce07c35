import Testing
@testable import ZTAHooksCore

/// Plan and apply over thousands of random site files, live states and secrets files, against a
/// model of the API. `ZTAHOOKS_PROPERTY_CASES=N` sets the number of cases, and
/// `ZTAHOOKS_PROPERTY_SEED=S` reruns the one case a failure names.
struct PlanApplyPropertyTests {
    /// More failures than this stop the run: a handful of seeds is enough to start on.
    static let failuresShown = 5

    @Test func everyPropertyHoldsForRandomCases() async {
        let seeds = PropertySeeds()
        var coverage = PropertyCoverage()
        var failures = 0
        for seed in seeds where failures < Self.failuresShown {
            let run: ReconcileRun
            do {
                run = try await ReconcileRun.run(ReconcileCase(seed: seed))
            } catch {
                Issue.record("seed \(seed): the case could not be run: \(error)")
                failures += 1
                continue
            }
            coverage.count(run)
            for property in ReconcileProperties.all {
                let problems = property.check(run)
                guard !problems.isEmpty else { continue }
                failures += 1
                Issue.record("seed \(seed): property \(property.name) failed: \(problems.joined(separator: " | ")); \(run.summary)")
            }
        }
        // Only a long run says anything about how often the corners come up.
        if seeds.seeds.count >= 1_000 {
            #expect(coverage.rare(share: 200).isEmpty, "corners the generator hardly reached: \(coverage.rare(share: 200))")
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
