import Foundation
@testable import ZTAHooksCore

/// One random input of the planner and the applier: site files, the live state and a secrets
/// file, all valid (within the validator's and the API's limits), built from a seed.
struct ReconcileCase: Sendable {
    var seed: UInt64
    var sites: [SiteFile]
    var live: [String: [ModelWebhookAPI.Stored]]
    var secrets: SecretsSnapshot
    /// Sites applied at once.
    var concurrency: Int
    /// The share of create answers the model loses (at most two in a row per webhook).
    var lostAnswers: Double = 0

    /// Hosts and paths are few on purpose, so that declared and live URLs collide often.
    static let hosts = ["hooks.example.com", "ingest.example.org"]
    static let descriptions: [String?] = [nil, "to the ops channel", "warehouse sync"]

    static func url(host: String, site: Int, path: Int) -> String {
        "https://\(host)/s\(site)/\(path)"
    }

    /// The same webhook URL as the API may list it: scheme and host in any case, the default port.
    static func variant(of url: String, _ random: inout PropertyRandom) -> String {
        switch random.int(0...3) {
        case 0: url.replacingOccurrences(of: "https://", with: "HTTPS://")
        case 1: url.replacingOccurrences(of: ".example.", with: ".Example.")
        case 2:
            url.replacingOccurrences(of: ".com/", with: ".com:443/").replacingOccurrences(of: ".org/", with: ".org:443/")
        default: url
        }
    }

    /// 1 to 5 distinct event types in a random order.
    static func events(_ random: inout PropertyRandom) -> [EventType] {
        Array(EventType.allCases.shuffled(using: &random).prefix(random.int(1...EventType.maxPerWebhook)))
    }
}
