@testable import ZTAHooksCore

/// How often the random cases reached the corners the properties are about; a generator that
/// stopped reaching one would make its property pass for nothing.
struct PropertyCoverage {
    var cases = 0
    var createThenDelete = 0
    var deleteThenCreate = 0
    var overCap = 0
    var refusedByGuards = 0
    var fullSites = 0
    var unmanagedKept = 0
    var lostCreates = 0
    var lostAnswers = 0

    mutating func count(_ run: ReconcileRun) {
        cases += 1
        let actions = run.plan.sites.flatMap(\.actions)
        if actions.contains(where: { $0.order == .createThenDelete }) { createThenDelete += 1 }
        if actions.contains(where: { $0.order == .deleteThenCreate }) { deleteThenCreate += 1 }
        if run.siteViews.contains(where: \.mustFail) { overCap += 1 }
        if run.refusedByDefaultGuards { refusedByGuards += 1 }
        if run.siteViews.contains(where: { $0.before.count == APILimits.maxWebhooksPerSite }) { fullSites += 1 }
        if run.siteViews.contains(where: { !$0.file.prune && !$0.undeclared.isEmpty && !$0.mustFail }) { unmanagedKept += 1 }
        if !run.input.secrets.unresolvedIntents.isEmpty { lostCreates += 1 }
        if run.calls.contains(where: { if case .lostCreate = $0.kind { true } else { false } }) { lostAnswers += 1 }
    }

    /// The corners reached in fewer than one case in `share`.
    func rare(share: Int) -> [String] {
        let counts = [
            ("create-then-delete", createThenDelete), ("delete-then-create", deleteThenCreate), ("over the cap", overCap),
            ("refused by the guards", refusedByGuards), ("a full site", fullSites), ("unmanaged kept", unmanagedKept),
            ("a create left unresolved", lostCreates), ("a lost answer", lostAnswers),
        ]
        return counts.filter { $0.1 * share < cases }.map { "\($0.0): \($0.1) of \(cases)" }
    }
}
