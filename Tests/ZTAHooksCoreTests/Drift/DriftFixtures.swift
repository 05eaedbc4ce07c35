import Foundation
@testable import ZTAHooksCore

/// Hand-built inputs for drift: site files, live webhooks, secrets entries, and a fixed clock.
enum DriftFixtures {
    static let site = "site_shop"
    static let file = "sites/shop.yaml"
    static let hooks = "https://hooks.example.com"
    /// The injected clock: 2025-03-01T00:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_740_787_200)
    static let day: TimeInterval = 86_400

    static func declared(_ name: String, _ path: String, _ events: [EventType]) -> DeclaredWebhook {
        DeclaredWebhook(name: name, url: "\(hooks)/\(path)", events: events, description: nil,
                        location: SourceLocation(file: file, line: 1, column: 1))
    }

    static func siteFile(_ webhooks: [DeclaredWebhook], prune: Bool = true, site: String = site, file: String = file) -> SiteFile {
        SiteFile(path: file, site: site, prune: prune, webhooks: webhooks)
    }

    /// A live webhook created `age` days before `now`, last triggered `quiet` days before it (nil: never).
    static func live(_ id: String, _ path: String, _ events: [String], active: Bool = true,
                     age: Double = 30, quiet: Double? = 0) -> LiveWebhook {
        LiveWebhook(id: id, url: path.hasPrefix("https://") ? path : "\(hooks)/\(path)", events: events, active: active,
                    createdAt: now.addingTimeInterval(-age * day),
                    lastTriggered: quiet.map { now.addingTimeInterval(-$0 * day) })
    }

    /// Every secret the fixtures hold; none may reach any output.
    static func secret(_ id: String) -> String { "whsec_drift_\(id)_do_not_print" }

    static func known(_ id: String, _ name: String, _ path: String, events: [String] = ["alert"], adopted: Bool = false,
                      site: String = site) -> SecretEntry {
        SecretEntry(siteId: site, name: name, id: id, url: "\(hooks)/\(path)", events: events,
                    secret: adopted ? nil : secret(id), createdAt: "2025-01-01T00:00:00.000Z", adopted: adopted ? true : nil)
    }

    static func intent(_ name: String, _ path: String, site: String = site) -> CreateIntent {
        CreateIntent(intentId: "i_\(name)", siteId: site, name: name, url: "\(hooks)/\(path)", events: ["alert"],
                     startedAt: "2025-02-01T00:00:00.000Z")
    }

    /// One site analysed with the fixed clock.
    static func analyze(_ file: SiteFile, _ live: [LiveWebhook], entries: [SecretEntry] = [], intents: [CreateIntent] = [],
                        staleAfter: Int? = nil) -> SiteDrift {
        DriftAnalyzer.analyzeSite(file, live: .success(live), secrets: SecretsSnapshot(entries: entries, unresolvedIntents: intents),
                                  now: now, staleAfter: staleAfter)
    }
}
