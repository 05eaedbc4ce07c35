import Foundation

/// Applies one site's actions in order.
struct SiteApplier {
    let applier: Applier
    let site: SitePlan
    let halt: HaltSignal
    /// Ids that existed before this run or that this run created: never orphans.
    var knownIDs: Set<String>

    init(applier: Applier, site: SitePlan, live: [LiveWebhook], halt: HaltSignal) {
        self.applier = applier
        self.site = site
        self.halt = halt
        self.knownIDs = Set(live.map(\.id))
    }

    var api: any WebhookAPI { applier.api }
    var secrets: any SecretsRecorder { applier.secrets }
    var siteId: String { site.siteId }

    mutating func run(pendingIntents: [CreateIntent], staleEntries: [SecretEntry]) async -> ApplyReport.SiteResult {
        var result = ApplyReport.SiteResult(siteId: siteId)
        await applier.observer.handle(.siteStarted(siteId: siteId, actions: site.actions.count))
        for entry in staleEntries {
            do {
                try await secrets.recordDeleted(siteId: siteId, id: entry.id)
            } catch {
                await halt.halt(error.message)
            }
        }
        for (index, action) in site.actions.enumerated() {
            if await halt.reason != nil || applier.stop.reason != nil {
                result.skipped = Array(site.actions[index...])
                break
            }
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
        // The plan was made knowing these intents, and all of it ran: whatever a lost create
        // left behind has been replaced or deleted, so the intents are settled.
        if result.failure == nil, result.skipped.isEmpty {
            for identity in Set(pendingIntents.map(\.identity)) {
                await secrets.resolveIntents(siteId: siteId, url: identity)
            }
        }
        await applier.observer.handle(.siteFinished(
            siteId: siteId, succeeded: result.succeeded.count, failed: result.failure == nil ? 0 : 1, skipped: result.skipped.count))
        return result
    }

    /// Carries out one action; returns the id of the webhook it created, if any.
    mutating func perform(_ action: PlannedAction) async throws(ActionFailure) -> String? {
        switch action {
        case .create(let create):
            return try await self.create(create)
        case .delete(let delete):
            try await self.delete(id: delete.id)
            return nil
        case .replace(let replace):
            if replace.order == .deleteThenCreate {
                try await delete(id: replace.id)
                return try await create(replace.create)
            }
            let newId = try await create(replace.create)
            try await delete(id: replace.id)
            return newId
        }
    }

    /// Deletes a webhook and drops its entry from the secrets file. A webhook already gone
    /// (404) is what was wanted.
    func delete(id: String) async throws(ActionFailure) {
        do {
            try await api.deleteWebhook(id: id, site: siteId)
        } catch .notFound {
            // Someone deleted it first; the goal is reached all the same.
        } catch {
            throw ActionFailure(message: error.message)
        }
        do {
            try await secrets.recordDeleted(siteId: siteId, id: id)
        } catch {
            throw ActionFailure(message: "deleted webhook \(id) of site \(siteId), but \(error.message)", halts: true)
        }
    }
}
