import Yams

/// Names and URLs already declared in this site, to point the second one at the first.
struct WebhookUniqueness {
    var names: [String: Node] = [:]
    var urls: [String: (name: String?, node: Node)] = [:]
}

extension SiteFileParser {
    mutating func parseWebhook(_ item: Node, uniqueness: inout WebhookUniqueness) -> DeclaredWebhook? {
        guard case .mapping(let mapping) = item else {
            error(
                "a webhook must be a mapping with 'name', 'url' and 'events', found \(YAMLValueKind(item).description)",
                at: item
            )
            return nil
        }
        let diagnosticsBefore = diagnostics.count
        let fields = fields(of: mapping, allowed: SiteFormat.webhookKeys, allowedLabel: "allowed keys in a webhook")
        let suggested = suggestedKeys
        let name = fields["name"].flatMap { parseName($0.value, uniqueness: &uniqueness) }
        let url = fields["url"].flatMap { parseURL($0.value, name: name, uniqueness: &uniqueness) }
        let events = fields["events"].flatMap { parseEvents($0.value) }
        let description = fields["description"].flatMap { parseDescription($0.value) }
        for key in Self.requiredWebhookKeys where fields[key] == nil && !suggested.contains(key) {
            let owner = name.map { "webhook '\($0)'" } ?? "webhook"
            error("\(owner) is missing required key '\(key)'", at: item, hint: Self.missingKeyHints[key])
        }
        let newErrors = diagnostics[diagnosticsBefore...].contains { $0.severity == .error }
        if let url {
            policyCandidates.append(DeclaredWebhook(
                name: name ?? "at line \(location(item).line)", url: url, events: events ?? [], description: description,
                location: location(item), urlLocation: fields["url"].map { location($0.value) }))
        }
        guard !newErrors, let name, let url, let events else { return nil }
        return DeclaredWebhook(
            name: name, url: url, events: events, description: description, location: location(item),
            urlLocation: fields["url"].map { location($0.value) }
        )
    }

    private static let requiredWebhookKeys = ["name", "url", "events"]

    private static let missingKeyHints = [
        "name": "add a name such as 'name: ops-alerts'; it keys the secrets file",
        "url": "add the receiver's URL such as 'url: https://hooks.example.com/zta'",
        "events": "add 'events:' with one or more of: \(EventType.allCases.map(\.rawValue).joined(separator: ", "))",
    ]

    private mutating func parseName(_ node: Node, uniqueness: inout WebhookUniqueness) -> String? {
        guard let name = string(node, key: "name") else { return nil }
        if name.isEmpty {
            error("'name' must not be empty", at: node, hint: "use lowercase letters, digits and '-', such as ops-alerts")
            return nil
        }
        if name.utf8.count > SiteFormat.nameMaxLength, name.count > SiteFormat.nameMaxLength {
            error("webhook name is \(name.count) characters long; the limit is \(SiteFormat.nameMaxLength)", at: node)
            return nil
        }
        guard SiteFormat.isValidWebhookName(name) else {
            error(
                "invalid webhook name '\(name)': use lowercase letters, digits and single '-' between them",
                at: node, hint: SiteFormat.suggestedWebhookName(for: name).map { "try '\($0)'" }
            )
            return nil
        }
        if let first = uniqueness.names[name] {
            error(
                "duplicate webhook name '\(name)' (first \(firstMention(first, from: node)))", at: node,
                hint: "names must be unique in a site: they key the secrets file"
            )
            return nil
        }
        uniqueness.names[name] = node
        return name
    }

    private mutating func parseURL(_ node: Node, name: String?, uniqueness: inout WebhookUniqueness) -> String? {
        guard let url = string(node, key: "url") else { return nil }
        if let problem = WebhookURLRule.check(url) {
            diagnostics.append(.error(problem.message, at: location(node), hint: problem.hint))
            return nil
        }
        let identity = WebhookURL.normalized(url)
        if let first = uniqueness.urls[identity] {
            let owner = first.name.map { "webhook '\($0)'" } ?? "the webhook"
            error(
                "duplicate URL: \(owner) \(firstMention(first.node, from: node)) has the same URL", at: node,
                hint: "a URL identifies its webhook, so it must be unique in a site; scheme and host compare case-insensitively and a default port is ignored"
            )
            return nil
        }
        uniqueness.urls[identity] = (name, node)
        return url
    }

    private static let eventNames = EventType.allCases.map(\.rawValue)

    private mutating func parseEvents(_ node: Node) -> [EventType]? {
        let allowed = Self.eventNames
        guard case .sequence(let items) = node else {
            let kind = YAMLValueKind(node)
            var hint = "write a list, such as events: [pageview, goal]"
            if case .string(let text) = kind { hint = "write a list: events: [\(text)]" }
            error("'events' must be a list of event types, found \(kind.description)", at: node, hint: hint)
            return nil
        }
        if items.isEmpty {
            error(
                "'events' needs at least one event type", at: node,
                hint: "choose from: \(allowed.joined(separator: ", "))"
            )
            return nil
        }
        var events: [EventType] = []
        // Where each event type was first listed; there are five types, so a list will do.
        var seen: [(event: EventType, node: Node)] = []
        var valid = true
        for item in items {
            let kind = YAMLValueKind(item)
            guard case .string(let text) = kind else {
                error("an event type must be a string, found \(kind.description)", at: item,
                      hint: "choose from: \(allowed.joined(separator: ", "))")
                valid = false
                continue
            }
            guard let event = EventType(rawValue: text) else {
                error(
                    "unknown event type '\(text)'", at: item,
                    hint: Suggestions.hint(for: text, in: allowed, allowedLabel: "expected one of")
                )
                valid = false
                continue
            }
            if let first = seen.first(where: { $0.event == event }) {
                error("duplicate event type '\(text)' (first \(firstMention(first.node, from: item)))", at: item, hint: "remove one of them")
                valid = false
                continue
            }
            seen.append((event, item))
            events.append(event)
        }
        return valid ? EventType.shared(events) : nil
    }

    private mutating func parseDescription(_ node: Node) -> String? {
        guard let text = string(node, key: "description") else { return nil }
        if text.utf8.count > SiteFormat.descriptionMaxLength, text.count > SiteFormat.descriptionMaxLength {
            error(
                "description is \(text.count) characters long; the limit is \(SiteFormat.descriptionMaxLength)",
                at: node
            )
            return nil
        }
        return text
    }
}
