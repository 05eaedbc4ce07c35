import Foundation

extension SiteApplier {
    /// Creates a webhook so that its secret is known, whatever the network does.
    ///
    /// The intent is durable before the POST. A POST whose answer is lost is never repeated
    /// blindly: the site is listed again, a webhook with this URL that neither existed before
    /// nor is in the secrets file is the orphan of that POST, and it is deleted before the
    /// create is tried again, so that there is never a duplicate and never an unknown secret.
    /// - Parameter replaces: the webhook this one replaces, recorded in its entry.
    mutating func create(_ action: CreateAction, replaces: String? = nil) async throws(ActionFailure) -> SecretEntry {
        let name = action.name
        let request = CreateWebhookRequest(siteId: siteId, url: action.url, events: action.events.rawValues, description: action.description)
        let identity = WebhookURL.normalized(action.url)
        for attempt in 1...applier.maxCreateAttempts {
            if attempt > 1, let reason = applier.stop.reason {
                // The orphan of the lost answer is gone and its intent settled: nothing is left half done.
                throw ActionFailure(message: "creating \(siteId)/\(name): the answer was lost and \(reason) arrived before trying again; not created")
            }
            let intent: CreateIntent
            if attempt == 1, let announced = takeAnnouncedIntent(for: action) {
                // Made durable together with the previous create's secret.
                intent = announced
            } else {
                intent = makeIntent(for: action)
                do {
                    try await secrets.recordIntent(intent)
                } catch {
                    throw ActionFailure(message: "did not create \(siteId)/\(name): \(error.message)", halts: true)
                }
            }
            let created: CreatedWebhook
            do {
                created = try await api.createWebhook(request)
            } catch .outcomeUnknown(let reason, _) {
                try await clearLostCreate(intent: intent, identity: identity, name: name, reason: reason, attempt: attempt)
                continue
            } catch {
                do {
                    try await secrets.recordCreateFailed(intentId: intent.intentId)
                } catch let diskError {
                    throw ActionFailure(message: "\(error.message); and \(diskError.message)", halts: true)
                }
                throw ActionFailure(message: error.message)
            }
            try await checkAnswerID(created.webhook.id, name: name)
            await noteDifferences(answered: created.webhook, asked: request, name: name)
            knownIDs.insert(created.webhook.id)
            var entry = SecretEntry(
                siteId: siteId, name: name, id: created.webhook.id, url: created.webhook.url,
                events: created.webhook.events, secret: created.secret,
                createdAt: created.webhook.createdAt.map(Timestamp.format) ?? Timestamp.format(applier.now()),
                description: action.description)
            if applier.sinks.onSecret != nil { entry.handedOff = false }
            entry.replaces = replaces
            // The next create's intent rides in the same commit as this secret (one fsync fewer).
            let next = upcomingCreate.map(makeIntent(for:))
            do {
                try await secrets.recordCreated(entry, intentId: intent.intentId, then: next)
                announcedIntent = next
            } catch {
                throw ActionFailure(
                    message: "created webhook \(created.webhook.id) for \(siteId)/\(name), but \(error.message); "
                        + "the next plan replaces it, since its secret could not be kept",
                    halts: true)
            }
            return entry
        }
        throw ActionFailure(message: "creating \(siteId)/\(name): the API's answer was lost \(applier.maxCreateAttempts) times in a row; gave up (no duplicate left behind)")
    }

    /// Refuses an answer whose id is already recorded (active or retired, any site) or was named
    /// by an earlier answer of this run: recording it would overwrite a secret. The intent stays
    /// unresolved, so the next plan lists the site and replaces whatever this create left behind.
    private func checkAnswerID(_ id: String, name: String) async throws(ActionFailure) {
        let recorded = await secrets.isRecorded(id: id)
        guard !recorded, await answered.claim(id) else {
            let already = recorded ? "already recorded in the secrets file" : "already answered to an earlier create of this run"
            throw ActionFailure(message: "the API answered the create of \(siteId)/\(name) with id \(id), which is \(already); "
                + "nothing was overwritten, and this answer's secret was not kept. The API is not behaving as documented: "
                + "re-run apply to list the site again and replace whatever this create left")
        }
    }

    /// An answer naming another URL or other events than asked is recorded as answered (that is
    /// what the API will deliver), and said.
    private mutating func noteDifferences(answered webhook: LiveWebhook, asked request: CreateWebhookRequest, name: String) async {
        var differences: [String] = []
        if WebhookURL.normalized(webhook.url) != WebhookURL.normalized(request.url) {
            differences.append("the URL \(webhook.url), not \(request.url)")
        }
        if Set(webhook.events) != Set(request.events) {
            differences.append("the events [\(webhook.events.joined(separator: ", "))], not [\(request.events.joined(separator: ", "))]")
        }
        guard !differences.isEmpty else { return }
        let message = "\(name): the API created \(webhook.id) with \(differences.joined(separator: " and ")) as asked; "
            + "recorded as answered. The next plan compares it with the site file again"
        warnings.append(message)
        await applier.observer.handle(.warning(siteId: siteId, name: name, message: message))
    }

    func makeIntent(for action: CreateAction) -> CreateIntent {
        CreateIntent(
            intentId: applier.makeIntentID(), siteId: siteId, name: action.name, url: action.url,
            events: action.events.rawValues, startedAt: Timestamp.format(applier.now()))
    }

    /// The intent already made durable for this create, if any; it is used once.
    private mutating func takeAnnouncedIntent(for action: CreateAction) -> CreateIntent? {
        guard let announced = announcedIntent, announced.name == action.name, announced.url == action.url else { return nil }
        announcedIntent = nil
        return announced
    }

    /// An intent recorded ahead whose create was never sent (the run stopped first) is settled
    /// here; if even that cannot be written, the next run finds it unresolved, lists the site and
    /// sees that nothing was created.
    mutating func settleAnnouncedIntent() async {
        guard let announced = announcedIntent else { return }
        announcedIntent = nil
        do {
            try await secrets.recordCreateFailed(intentId: announced.intentId)
        } catch {
            await halt.halt(error.message)
        }
    }

    /// After a lost create answer: find and delete the webhook that POST may have made.
    private mutating func clearLostCreate(intent: CreateIntent, identity: String, name: String, reason: String, attempt: Int) async throws(ActionFailure) {
        let live: [LiveWebhook]
        do {
            live = try await api.listWebhooks(site: siteId)
        } catch {
            // The intent stays unresolved: the next plan finds the orphan, if any, and replaces it.
            throw ActionFailure(message: "creating \(siteId)/\(name): the answer was lost (\(reason)) and listing the site again failed: \(error.message); re-run apply to recover")
        }
        let known = Set(await secrets.snapshot.entries.filter { $0.siteId == siteId }.map(\.id))
        let orphans = live.filter { $0.identity == identity && !knownIDs.contains($0.id) && !known.contains($0.id) }
        for orphan in orphans {
            do {
                try await api.deleteWebhook(id: orphan.id, site: siteId)
            } catch .notFound {
            } catch {
                throw ActionFailure(message: "creating \(siteId)/\(name): the answer was lost (\(reason)) and deleting its orphan \(orphan.id) failed: \(error.message); re-run apply to recover")
            }
        }
        do {
            try await secrets.recordCreateFailed(intentId: intent.intentId)
        } catch {
            throw ActionFailure(message: "creating \(siteId)/\(name): \(error.message)", halts: true)
        }
        let what = orphans.isEmpty
            ? "answer lost (\(reason)); the create had not happened"
            : "answer lost (\(reason)); deleted the orphan \(orphans.map(\.id).joined(separator: ", ")) whose secret was never seen"
        await applier.observer.handle(.recovered(siteId: siteId, name: name, message: what + (attempt < applier.maxCreateAttempts ? "; creating again" : "")))
    }
}
