/// The webhooks linked to one by replaces and rotates: the chain of `replaces` through it, both
/// ways (what it replaced, what replaced it, and so on). During a replace's overlap ZTA delivers
/// each event through two webhooks of one chain.
public struct WebhookLineage: Sendable {
    /// New id -> the id it replaced.
    private let replaces: [String: String]
    /// Old id -> the ids that replaced it.
    private let replacedBy: [String: [String]]

    public init(replaces: [String: String]) {
        self.replaces = replaces
        var replacedBy: [String: [String]] = [:]
        for (new, old) in replaces { replacedBy[old, default: []].append(new) }
        self.replacedBy = replacedBy
    }

    /// The other webhooks of `id`'s chain; empty when it neither replaced one nor was replaced.
    public func paired(with id: String) -> Set<String> {
        guard replaces[id] != nil || replacedBy[id] != nil else { return [] }
        var linked: Set<String> = []
        var todo = [id]
        while let hook = todo.popLast() {
            guard linked.insert(hook).inserted else { continue }
            if let old = replaces[hook] { todo.append(old) }
            todo += replacedBy[hook] ?? []
        }
        linked.remove(id)
        return linked
    }
}
