import Foundation
@testable import ZTAHooksCore

/// A case carried through the real pipeline against the model: observe, plan, guards, apply,
/// then the secrets file read back as the next command would read it and a second plan.
struct ReconcileRun: Sendable {
    var input: ReconcileCase
    /// The plan the first apply carried out (permissive guards, so that every case runs).
    var plan: Plan
    /// What the default guards said of that plan: refused or not.
    var refusedByDefaultGuards: Bool
    /// Nil when there was nothing to do.
    var report: ApplyReport?
    var calls: [ModelWebhookAPI.Call]
    /// Each site's webhooks after apply, with what the API never lists.
    var after: [String: [ModelWebhookAPI.Stored]]
    /// The secrets file (and journal) as apply left it.
    var secretsAfter: SecretsSnapshot
    var secondPlan: Plan
    /// Each site seen from the input and the model's record.
    var siteViews: [SiteView]
    /// Set for a rotation, whose plan leaves out everything but the named replaces (notes included).
    var rotated = false

    static let secretsPath = "/p/.ztahooks/secrets.json"

    /// Runs `plan` through the pipeline, or `rotate` when `rotating` names webhooks; `adjust` lets
    /// a test break the plan on purpose, to show that the properties catch what they claim to.
    static func run(_ input: ReconcileCase, rotating targets: [Rotation.Target] = [],
                    adjust: @Sendable (Plan) -> Plan = { $0 }) async throws -> ReconcileRun {
        let api = ModelWebhookAPI(input.live, answerLoss: input.lostAnswers > 0 ? AnswerLoss(seed: input.seed, probability: input.lostAnswers) : nil)
        let io = SecretsFakeFileIO()
        io.setContents(secretsPath, SecretsFileCodec.encode(input.secrets))
        let store = try SecretsStore.open(path: secretsPath, io: io)
        let reconciler = Reconciler(api: api, concurrency: input.concurrency)
        let siteSet = SiteSet(sites: input.sites, diagnostics: [], checksum: "seed-\(input.seed)")
        let live = try await reconciler.observe(input.sites)
        let snapshot = await store.snapshot

        let permissive = ApplyGuards(maxDeletes: .max, allowEmpty: true)
        var plan: Plan
        var report: ApplyReport?
        let preparation: ApplyPreparation
        if targets.isEmpty {
            preparation = Reconciler.prepareApply(siteSet, live: live, secrets: snapshot, guards: permissive)
        } else {
            switch Reconciler.prepareRotation(targets, input: siteSet, live: live, secrets: snapshot) {
            case .success(let rotation): preparation = .ready(rotation)
            case .failure(let error): throw PropertyHarnessError(message: "rotate \(targets.map(\.description)): \(error.message)")
            }
        }
        switch preparation {
        case .ready(let ready):
            plan = adjust(ready)
            report = await reconciler.execute(plan, live: live, secrets: store)
        case .nothingToDo(let nothing):
            plan = nothing
        case .refused(_, let reasons):
            throw PropertyHarnessError(message: "permissive guards refused: \(reasons)")
        case .failed(let message):
            throw PropertyHarnessError(message: message)
        }
        try await store.close()

        let secretsAfter = try SecretsStore.read(path: secretsPath, io: io)
        var after: [String: [ModelWebhookAPI.Stored]] = [:]
        var listed: [String: Planner.LiveState] = [:]
        for site in input.sites {
            after[site.site] = await api.sites[site.site] ?? []
            listed[site.site] = .success(await api.live(site.site))
        }
        let second = Planner.plan(sites: input.sites, live: listed, secrets: secretsAfter)
        let calls = await api.calls
        // What prepareApply with the default guards would answer, without planning once more.
        let refused = !ApplyGuards().violations(of: plan, sites: input.sites).isEmpty
        return ReconcileRun(input: input, plan: plan, refusedByDefaultGuards: refused, report: report, calls: calls, after: after,
                            secretsAfter: secretsAfter, secondPlan: second,
                            siteViews: siteViews(input: input, plan: plan, calls: calls, after: after), rotated: !targets.isEmpty)
    }
}

/// The harness itself could not run a case (not a property's failure).
struct PropertyHarnessError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
