import Foundation

/// Carries a plan out: sites in parallel, each site's actions in the plan's order, every
/// returned secret durable in the secrets file before the next action starts.
///
/// A failure stops only its own site (the rest of that site's order may no longer hold);
/// a secrets file that cannot be written stops everything before the next action.
public struct Applier: Sendable {
    public var api: any WebhookAPI
    public var secrets: any SecretsRecorder
    public var observer: any ApplyObserver
    /// Sites applied at once: fixed, or adapting to the API's answers.
    public var limiter: ConcurrencyLimiter
    /// The clock, for intent timestamps.
    public var now: @Sendable () -> Date
    /// Ids for create intents.
    public var makeIntentID: @Sendable () -> String
    /// How many lost answers one create may meet before the site gives up.
    public var maxCreateAttempts: Int
    /// Checked before every action: once set, sites finish what is in flight and start nothing new.
    public var stop: StopRequest
    /// Where new secrets are handed and deletions told (`--on-secret`, `--on-delete`).
    public var sinks: SecretSinks

    public init(
        api: any WebhookAPI,
        secrets: any SecretsRecorder,
        observer: any ApplyObserver = SilentApplyObserver(),
        concurrency: Int = 8,
        limiter: ConcurrencyLimiter? = nil,
        now: @escaping @Sendable () -> Date = { Date() },
        makeIntentID: @escaping @Sendable () -> String = Applier.randomIntentID,
        maxCreateAttempts: Int = 3,
        stop: StopRequest = StopRequest(),
        sinks: SecretSinks = .none
    ) {
        self.api = api
        self.secrets = secrets
        self.observer = observer
        self.limiter = limiter ?? ConcurrencyLimiter(fixed: concurrency)
        self.now = now
        self.makeIntentID = makeIntentID
        self.maxCreateAttempts = max(1, maxCreateAttempts)
        self.stop = stop
        self.sinks = sinks
    }

    /// Applies every site of the plan that has work. `live` is each site's state just read,
    /// which the plan was checked against; ids in it are never taken for orphans of a lost create.
    public func apply(_ plan: Plan, live: [String: [LiveWebhook]]) async -> ApplyReport {
        let halt = HaltSignal()
        let answered = AnsweredIDs()
        let snapshot = await secrets.snapshot
        let pendingIntents = snapshot.unresolvedIntents
        let stale = Self.staleEntries(snapshot.entries, live: live)
        let restorable = Self.restorableEntries(snapshot.retired, live: live)
        let handOffs = Self.pendingHandOffs(snapshot.entries, live: live)
        let needsWork = Set(pendingIntents.map(\.siteId)).union(stale.map(\.siteId)).union(handOffs.map(\.siteId))
            .union(restorable.map(\.entry.siteId))
        let work = plan.sites.filter { $0.error == nil && ($0.hasChanges || needsWork.contains($0.siteId)) }
        var results: [ApplyReport.SiteResult] = []
        await withTaskGroup(of: ApplyReport.SiteResult.self) { group in
            // A site starts when the limiter grants it a slot and gives the slot back when done;
            // after a stop, none starts.
            for site in work {
                await limiter.acquire()
                guard stop.reason == nil else {
                    limiter.release()
                    break
                }
                group.addTask {
                    defer { limiter.release() }
                    var siteApplier = SiteApplier(applier: self, site: site, live: live[site.siteId] ?? [], halt: halt, answered: answered)
                    return await SiteSpan.around(.apply, site: site.siteId) {
                        await siteApplier.run(
                            pendingIntents: pendingIntents.filter { $0.siteId == site.siteId },
                            staleEntries: stale.filter { $0.siteId == site.siteId },
                            restorable: restorable.filter { $0.entry.siteId == site.siteId },
                            pendingHandOffs: handOffs.filter { $0.siteId == site.siteId })
                    }
                }
            }
            for await result in group {
                results.append(result)
            }
        }
        // Sites never started because of a stop: every action of theirs was not attempted.
        let started = Set(results.map(\.siteId))
        for site in work where !started.contains(site.siteId) {
            results.append(ApplyReport.SiteResult(siteId: site.siteId, skipped: site.actions))
        }
        return ApplyReport(sites: results, halted: await halt.reason, stopped: stop.reason)
    }

    /// Entries of webhooks that the fresh listing does not show: an earlier run was killed between
    /// a delete and its record, someone deleted them elsewhere, or the API answered wrongly. They
    /// move to `retired`, secrets kept: a listing is no proof that a secret is worthless.
    static func staleEntries(_ entries: [SecretEntry], live: [String: [LiveWebhook]]) -> [SecretEntry] {
        let liveIDs = live.mapValues { Set($0.map(\.id)) }
        return entries.filter { entry in liveIDs[entry.siteId].map { !$0.contains(entry.id) } ?? false }
    }

    /// Retired entries of webhooks the fresh listing shows again (a listing that left them out,
    /// an API that came back): their secrets are restored before anything else of their site.
    static func restorableEntries(_ retired: [RetiredEntry], live: [String: [LiveWebhook]]) -> [RetiredEntry] {
        let liveIDs = live.mapValues { Set($0.map(\.id)) }
        return retired.filter { liveIDs[$0.entry.siteId]?.contains($0.entry.id) == true }
    }

    /// Live webhooks whose secret a sink has not taken yet (an earlier sink failed, or a run was
    /// killed before it finished): handed off before anything else of their site happens.
    static func pendingHandOffs(_ entries: [SecretEntry], live: [String: [LiveWebhook]]) -> [SecretEntry] {
        let liveIDs = live.mapValues { Set($0.map(\.id)) }
        return entries.filter { $0.awaitsHandOff && liveIDs[$0.siteId]?.contains($0.id) == true }
    }
}

/// Set once the secrets file cannot be written: every site stops before its next action.
actor HaltSignal {
    private(set) var reason: String?

    func halt(_ reason: String) {
        if self.reason == nil { self.reason = reason }
    }
}

/// Ids that create answers of this run named, across sites: a second answer with one of them
/// is refused rather than recorded over the first.
actor AnsweredIDs {
    private var ids: Set<String> = []

    /// Claims `id`; false when an earlier answer of this run named it.
    func claim(_ id: String) -> Bool { ids.insert(id).inserted }
}

/// Why an action failed, and whether the whole apply must stop.
struct ActionFailure: Error {
    var message: String
    var halts: Bool = false
}

extension Applier {
    /// A random (version 4) UUID in lowercase. From the system's generator (`getrandom`)
    /// rather than `UUID()`, which opened, read and closed `/dev/urandom` on every create.
    @Sendable public static func randomIntentID() -> String {
        var generator = SystemRandomNumberGenerator()
        let high: UInt64 = (generator.next() & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        let low: UInt64 = (generator.next() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        func byte(_ value: UInt64, _ index: Int) -> UInt8 { UInt8(truncatingIfNeeded: value >> (56 - 8 * index)) }
        let uuid = UUID(uuid: (byte(high, 0), byte(high, 1), byte(high, 2), byte(high, 3), byte(high, 4), byte(high, 5),
                               byte(high, 6), byte(high, 7), byte(low, 0), byte(low, 1), byte(low, 2), byte(low, 3),
                               byte(low, 4), byte(low, 5), byte(low, 6), byte(low, 7)))
        return uuid.uuidString.lowercased()
    }
}
