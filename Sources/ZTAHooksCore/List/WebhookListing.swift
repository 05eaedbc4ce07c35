import Foundation

/// The live webhooks of some sites, each with what ztahooks knows of it: the model of `list`.
public struct WebhookListing: Hashable, Sendable, Codable {
    /// Bumped when the JSON layout changes incompatibly.
    public var formatVersion: Int
    /// Sorted by site ID.
    public var sites: [ListedSite]
    public var summary: ListingSummary

    public init(sites: [ListedSite]) {
        self.formatVersion = 1
        self.sites = sites
        self.summary = ListingSummary(sites: sites)
    }

    public var hasErrors: Bool { sites.contains { $0.error != nil } }
}

/// One site: its file (if any) and its live webhooks, or why they could not be listed.
public struct ListedSite: Hashable, Sendable, Codable {
    public var siteId: String
    /// The site file that declares it; nil when none does.
    public var file: String?
    /// The file's `prune`; nil when no file declares the site.
    public var prune: Bool?
    /// Oldest first.
    public var webhooks: [ListedWebhook]
    /// Set when the site could not be listed; `webhooks` is then empty.
    public var error: String?

    public init(siteId: String, file: String?, prune: Bool?, webhooks: [ListedWebhook], error: String? = nil) {
        self.siteId = siteId
        self.file = file
        self.prune = prune
        self.webhooks = webhooks
        self.error = error
    }
}

/// One live webhook. Never carries a secret: `LiveWebhook` has none to give.
public struct ListedWebhook: Hashable, Sendable, Codable {
    public var id: String
    /// The site file's name for it, else the secrets file's; nil when neither knows it.
    public var name: String?
    public var url: String
    public var events: [String]
    public var active: Bool
    public var createdAt: String?
    public var lastTriggered: String?
    public var state: ManagementState
    /// True when the next apply deletes it: not declared on a `prune: true` site, or a second
    /// live webhook at a declared URL.
    public var deletedByNextApply: Bool

    public init(id: String, name: String?, url: String, events: [String], active: Bool, createdAt: String?,
                lastTriggered: String?, state: ManagementState, deletedByNextApply: Bool) {
        self.id = id
        self.name = name
        self.url = url
        self.events = events
        self.active = active
        self.createdAt = createdAt
        self.lastTriggered = lastTriggered
        self.state = state
        self.deletedByNextApply = deletedByNextApply
    }
}

/// How ztahooks stands to a live webhook.
public enum ManagementState: String, Hashable, Sendable, Codable, CaseIterable {
    /// Declared in a site file, and its secret is in the secrets file.
    case managed
    /// Declared in a site file; the secrets file adopted it without a secret (`import`).
    case adopted
    /// Declared in a site file, and the secrets file has no record of it: created by hand, or
    /// its secret was lost.
    case unknown
    /// Not declared: left alone on a `prune: false` site or a site no file declares, deleted by
    /// the next apply on a `prune: true` site (see `deletedByNextApply`).
    case unmanaged
}

/// Counts over the listing.
public struct ListingSummary: Hashable, Sendable, Codable {
    public var webhooks: Int
    public var managed: Int
    public var adopted: Int
    public var unknown: Int
    public var unmanaged: Int
    public var deletedByNextApply: Int
    public var failedSites: Int

    public init(sites: [ListedSite]) {
        let all = sites.flatMap(\.webhooks)
        webhooks = all.count
        managed = all.count { $0.state == .managed }
        adopted = all.count { $0.state == .adopted }
        unknown = all.count { $0.state == .unknown }
        unmanaged = all.count { $0.state == .unmanaged }
        deletedByNextApply = all.count(where: \.deletedByNextApply)
        failedSites = sites.count { $0.error != nil }
    }
}
