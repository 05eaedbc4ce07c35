extension SiteApplier {
    /// Before a site's actions: tells `--on-delete` about webhooks gone since the last run, and
    /// hands off the secrets an earlier run left pending. Returns why the site must stop, if it must.
    ///
    /// A pending secret's webhook is kept by the plan and its predecessor deleted as a duplicate;
    /// that delete must not happen before the new secret reached the sink, so a failure here
    /// stops the whole site, leaving both webhooks live.
    func settle(staleEntries: [SecretEntry], restorable: [RetiredEntry] = [], pendingHandOffs: [SecretEntry]) async -> String? {
        for retired in restorable {
            do {
                try await secrets.recordRestored(siteId: siteId, id: retired.entry.id)
            } catch {
                await halt.halt(error.message)
                return error.message
            }
            await applier.observer.handle(.recovered(
                siteId: siteId, name: retired.entry.name,
                message: "\(retired.entry.id) is listed again: restored its secret from the retired entries"))
        }
        for entry in staleEntries {
            do {
                try await forget(SinkWebhook(entry))
            } catch {
                return error.message
            }
            do {
                try await secrets.recordRetired(siteId: siteId, id: entry.id, reason: RetirementReason.notListed, at: applier.now())
            } catch {
                await halt.halt(error.message)
            }
        }
        for entry in pendingHandOffs {
            let what = "the secret of \(siteId)/\(entry.name) (\(entry.id)) has not been handed off yet"
            let kept = "nothing of site \(siteId) was changed, and the webhook it replaces (if any) stays live"
            guard let sink = applier.sinks.onSecret else {
                return "\(what) and no --on-secret (or onSecret in ztahooks.yaml) is given to hand it to; \(kept)"
            }
            guard let secret = entry.secret else {
                return "\(what) and it is sealed: give the secrets key so that --on-secret can receive it; \(kept)"
            }
            do {
                try await sink.run(for: SinkWebhook(entry), secret: secret)
            } catch {
                return "\(what): --on-secret failed again: \(error.message); \(kept)"
            }
            await applier.observer.handle(.recovered(
                siteId: siteId, name: entry.name, message: "handed the pending secret of \(entry.id) to --on-secret"))
        }
        return nil
    }

    /// Gives a new secret, durable in the secrets file already, to `--on-secret`. On failure the
    /// site stops here: the entry stays pending and `replacing`, the webhook it was to replace,
    /// stays live, so that receivers verify with the secret they have.
    func handOff(_ entry: SecretEntry, replacing old: String?) async throws(ActionFailure) {
        guard let sink = applier.sinks.onSecret, let secret = entry.secret else { return }
        do {
            try await sink.run(for: SinkWebhook(entry), secret: secret)
        } catch {
            let next = old.map { "; \($0) stays live beside it (both verify) until the next apply hands the secret off and only then deletes it" }
                ?? "; the next apply hands the secret off again"
            throw ActionFailure(message: "created \(entry.id) for \(siteId)/\(entry.name) and saved its secret, but --on-secret failed: "
                + error.message + next)
        }
    }

    /// Records that a new entry's secret reached the sink, once nothing it replaces is left.
    func completeHandOff(_ entry: SecretEntry) async throws(ActionFailure) {
        guard entry.awaitsHandOff else { return }
        do {
            try await secrets.recordHandedOff(siteId: siteId, id: entry.id)
        } catch {
            // The entry stays pending: the next apply runs the sink once more, which is harmless.
            throw ActionFailure(message: "handed off the secret of \(siteId)/\(entry.name), but \(error.message)", halts: true)
        }
    }

    /// Tells `--on-delete` that a webhook is gone. Its entry is retired only after this succeeds,
    /// so that a failure (or a kill) leaves the entry for the next apply to tell again.
    func forget(_ webhook: SinkWebhook) async throws(ActionFailure) {
        guard let sink = applier.sinks.onDelete else { return }
        do {
            try await sink.run(for: webhook, secret: nil)
        } catch {
            throw ActionFailure(message: "deleted webhook \(webhook.id) of site \(siteId), but --on-delete failed: \(error.message); "
                + "its entry stays in the secrets file and the next apply runs --on-delete again")
        }
    }
}
