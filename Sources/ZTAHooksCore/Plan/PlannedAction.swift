/// One change to a site's webhooks. Each case carries exactly what it needs: a create never
/// has a live id, a replace and a delete always do, and only a replace has an order.
public enum PlannedAction: Hashable, Sendable {
    case create(CreateAction)
    case replace(ReplaceAction)
    case delete(DeleteAction)

    /// The case without its payload: for counts, and the word in plans and progress lines.
    public enum Kind: String, Hashable, Sendable, Codable {
        case create
        case replace
        case delete
    }

    /// Whether a replace creates the new webhook before deleting the old one (deliveries never
    /// stop) or after (the site is at its cap).
    public enum ReplaceOrder: String, Hashable, Sendable, Codable {
        case createThenDelete = "create-then-delete"
        case deleteThenCreate = "delete-then-create"
    }

    public var kind: Kind {
        switch self {
        case .create: .create
        case .replace: .replace
        case .delete: .delete
        }
    }

    /// The local name; for a delete, the name recorded in the secrets file when known.
    public var name: String? {
        switch self {
        case .create(let create): create.name
        case .replace(let replace): replace.name
        case .delete(let delete): delete.name
        }
    }

    public var url: String {
        switch self {
        case .create(let create): create.url
        case .replace(let replace): replace.url
        case .delete(let delete): delete.url
        }
    }

    /// Why the planner chose this action, in the plan's words.
    public var reasons: [String] {
        get {
            switch self {
            case .create(let create): create.reasons
            case .replace(let replace): replace.reasons
            case .delete(let delete): delete.reasons
            }
        }
        set {
            switch self {
            case .create(var create): create.reasons = newValue; self = .create(create)
            case .replace(var replace): replace.reasons = newValue; self = .replace(replace)
            case .delete(var delete): delete.reasons = newValue; self = .delete(delete)
            }
        }
    }

    /// The live webhook that goes away; nil for a create, which has none.
    public var liveID: String? {
        switch self {
        case .create: nil
        case .replace(let replace): replace.id
        case .delete(let delete): delete.id
        }
    }

    /// A replace's order; nil for the other cases, which have none.
    public var order: ReplaceOrder? {
        if case .replace(let replace) = self { replace.order } else { nil }
    }

    /// `NAME` or, for an unnamed delete, the webhook id.
    public var displayName: String {
        switch self {
        case .create(let create): create.name
        case .replace(let replace): replace.name
        case .delete(let delete): delete.name ?? delete.id
        }
    }
}
