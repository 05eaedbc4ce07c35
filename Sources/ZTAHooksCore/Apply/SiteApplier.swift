import Foundation

/// Applies one site's actions in order.
struct SiteApplier {
    let applier: Applier
    let site: SitePlan
    let halt: HaltSignal
    /// Ids answered by creates of this run, every site's.
    let answered: AnsweredIDs
    /// Ids that existed before this run or that this run created: never orphans.
    var knownIDs: Set<String>
    /// Done, but not as asked: reported with the site's result.
    var warnings: [String] = []
    /// How long each create-then-delete replace left both webhooks live.
    var overlaps: [ApplyReport.Overlap] = []
    /// The create that directly follows the current action, when its intent may ride in the same
    /// journal commit as the current create's secret: no sink runs in between.
    var upcomingCreate: CreateAction?
    /// The intent of the next create, already durable.
    var announcedIntent: CreateIntent?

    init(applier: Applier, site: SitePlan, live: [LiveWebhook], halt: HaltSignal, answered: AnsweredIDs = AnsweredIDs()) {
        self.applier = applier
        self.site = site
        self.halt = halt
        self.answered = answered
        self.knownIDs = Set(live.map(\.id))
    }

    var api: any WebhookAPI { applier.api }
    var secrets: any SecretsRecorder { applier.secrets }
    var siteId: String { site.siteId }

    mutating func run(pendingIntents: [CreateIntent], staleEntries: [SecretEntry], restorable: [RetiredEntry] = [],
                      pendingHandOffs: [SecretEntry] = []) async -> ApplyReport.SiteResult {
        var result = ApplyReport.SiteResult(siteId: siteId)
        await applier.observer.handle(.siteStarted(siteId: siteId, actions: site.actions.count))
        if let failure = await settle(staleEntries: staleEntries, restorable: restorable, pendingHandOffs: pendingHandOffs) {
            result.sinkFailure = failure
            result.skipped = site.actions
            await applier.observer.handle(.siteFinished(siteId: siteId, succeeded: 0, failed: 1, skipped: site.actions.count))
            result.warnings = warnings
            return result
        }
        for (index, action) in site.actions.enumerated() {
            if await halt.reason != nil || applier.stop.reason != nil {
                result.skipped = Array(site.actions[index...])
                break
            }
            upcomingCreate = Self.createFollowing(index, in: site.actions, sinks: applier.sinks)
            do {
                let newId = try await perform(action)
                result.succeeded.append(action)
                await applier.observer.handle(.actionSucceeded(siteId: siteId, action: action, newId: newId))
            } catch let failure {
                if failure.halts { await halt.halt(failure.message) }
                result.failure = (action, failure.message)
                result.skipped = Array(site.actions[(index + 1)...])
                await applier.observer.handle(.actionFailed(siteId: siteId, action: action, message: failure.message))
                break
            }
        }
        await settleAnnouncedIntent()
        // The plan was made knowing these intents, and all of it ran: whatever a lost create
        // left behind has been replaced or deleted, so the intents are settled.
        if result.failure == nil, result.skipped.isEmpty {
            for identity in Set(pendingIntents.map(\.identity)) {
                await secrets.resolveIntents(siteId: siteId, url: identity)
            }
            // Whatever the pending secrets replace was deleted above (the plan keeps the new
            // webhook and deletes the old as its duplicate): only now is their hand-off complete.
            for entry in pendingHandOffs {
                do {
                    try await secrets.recordHandedOff(siteId: siteId, id: entry.id)
                } catch {
                    await halt.halt(error.message)
                }
            }
        }
        await applier.observer.handle(.siteFinished(
            siteId: siteId, succeeded: result.succeeded.count, failed: result.failure == nil ? 0 : 1, skipped: result.skipped.count))
        result.warnings = warnings
        result.overlaps = overlaps
        return result
    }

    /// The create after `index` when both it and the action at `index` are plain creates and no
    /// `--on-secret` sink runs between them.
    static func createFollowing(_ index: Int, in actions: [PlannedAction], sinks: SecretSinks) -> CreateAction? {
        guard sinks.onSecret == nil, case .create = actions[index], index + 1 < actions.count,
              case .create(let next) = actions[index + 1] else { return nil }
        return next
    }

    /// Carries out one action; returns the id of the webhook it created, if any.
    mutating func perform(_ action: PlannedAction) async throws(ActionFailure) -> String? {
        switch action {
        case .create(let create):
            let entry = try await self.create(create)
            try await handOff(entry, replacing: nil)
            try await completeHandOff(entry)
            return entry.id
        case .delete(let delete):
            try await self.delete(SinkWebhook(siteId: siteId, name: delete.name ?? "", id: delete.id, url: delete.url, events: delete.events),
                                  reason: RetirementReason.deleted)
            return nil
        case .replace(let replace):
            let old = SinkWebhook(siteId: siteId, name: replace.name, id: replace.id, url: replace.url, events: replace.currentEvents)
            if replace.order == .deleteThenCreate {
                try await delete(old, reason: RetirementReason.replaced(by: "a new webhook for the same URL"))
                let entry = try await create(replace.create, replaces: replace.id)
                try await handOff(entry, replacing: nil)
                try await completeHandOff(entry)
                return entry.id
            }
            // The old webhook goes only once the new secret reached the receivers' store; the
            // hand-off is recorded only after that delete, so that a kill in between leaves the
            // new entry pending and the next apply finishes the same way.
            let entry = try await create(replace.create, replaces: replace.id)
            let bothLive = applier.now()
            try await handOff(entry, replacing: replace.id)
            try await delete(old, reason: RetirementReason.replaced(by: entry.id))
            overlaps.append(.init(url: replace.url, newId: entry.id, oldId: replace.id, duration: .seconds(applier.now().timeIntervalSince(bothLive))))
            try await completeHandOff(entry)
            return entry.id
        }
    }

    /// Deletes a webhook, tells `--on-delete`, and moves its entry to `retired`. A webhook
    /// already gone (404) is what was wanted.
    func delete(_ webhook: SinkWebhook, reason: String) async throws(ActionFailure) {
        let id = webhook.id
        do {
            try await api.deleteWebhook(id: id, site: siteId)
        } catch .notFound {
            // Someone deleted it first; the goal is reached all the same.
        } catch {
            throw ActionFailure(message: error.message)
        }
        try await forget(webhook)
        do {
            try await secrets.recordRetired(siteId: siteId, id: id, reason: reason, at: applier.now())
        } catch {
            throw ActionFailure(message: "deleted webhook \(id) of site \(siteId), but \(error.message)", halts: true)
        }
    }
}
