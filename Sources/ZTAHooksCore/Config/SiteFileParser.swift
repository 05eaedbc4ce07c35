import Yams

/// Turns one composed YAML document into a `SiteFile`, reporting every problem on the way.
///
/// The walk follows the expected shape only (site → webhooks → webhook → events), so the cost is
/// bounded by the format, not by the input; YAMLSafety has already capped the tree itself.
struct SiteFileParser {
    let path: String
    let document: YAMLDocument
    var diagnostics: [Diagnostic] = []
    /// The site ID when `site:` is a valid string, even if the file has other errors: the
    /// cross-file check still wants to know it.
    private(set) var siteID: (value: String, location: SourceLocation)?
    private(set) var webhookCount = 0
    /// Every webhook whose URL is valid, whatever else is wrong with it or its file: the project's
    /// policy is checked on these too, so that one run reports a host not allowed beside the
    /// other errors instead of after they are fixed.
    var policyCandidates: [DeclaredWebhook] = []
    /// Keys offered as a did-you-mean in the mapping just read: not reported missing as well.
    private(set) var suggestedKeys: Set<String> = []

    init(path: String, document: YAMLDocument) {
        self.path = path
        self.document = document
    }

    /// The typed site, or nil when the file has errors (warnings are fine).
    mutating func parse(_ root: Node) -> SiteFile? {
        guard case .mapping(let mapping) = root else {
            error(
                "the top level must be a mapping with 'site' and 'webhooks', found \(YAMLValueKind(root).description)",
                at: root, hint: "start the file with 'site: <site ID>'"
            )
            return nil
        }
        let fields = fields(of: mapping, allowed: SiteFormat.siteKeys, allowedLabel: "allowed keys here")
        let suggested = suggestedKeys
        let site = parseSiteID(fields["site"], in: root, suggested: suggested)
        let prune = parsePrune(fields["prune"]?.value)
        let webhooks = parseWebhooks(fields["webhooks"], in: root, prune: prune ?? true, suggested: suggested)
        guard !diagnostics.hasErrors, let site, let webhooks, let siteField = fields["site"],
            let webhooksField = fields["webhooks"]
        else { return nil }
        return SiteFile(
            path: path, site: site, prune: prune ?? true, webhooks: webhooks,
            siteLocation: location(siteField.key), webhooksLocation: location(webhooksField.key)
        )
    }

    // MARK: Top level

    private mutating func parseSiteID(_ field: Field?, in root: Node, suggested: Set<String>) -> String? {
        guard let field else {
            if suggested.contains("site") { return nil }
            error("missing required key 'site'", at: root, hint: "add 'site: <site ID>', such as site: site_abc123")
            return nil
        }
        guard let value = string(field.value, key: "site") else { return nil }
        if value.isEmpty {
            error("'site' must not be empty", at: field.value, hint: "write the ZTA site ID, such as site_abc123")
            return nil
        }
        guard SiteFormat.isValidSiteID(value) else {
            error(
                "invalid site ID '\(value)': use letters, digits, '_' and '-', at most \(SiteFormat.siteMaxLength)",
                at: field.value
            )
            return nil
        }
        siteID = (value, location(field.value))
        return value
    }

    private mutating func parsePrune(_ node: Node?) -> Bool? {
        node.flatMap { boolean($0, key: "prune") }
    }

    private mutating func parseWebhooks(_ field: Field?, in root: Node, prune: Bool, suggested: Set<String>) -> [DeclaredWebhook]? {
        guard let field else {
            if suggested.contains("webhooks") { return nil }
            error(
                "missing required key 'webhooks'", at: root,
                hint: "add 'webhooks:' with a list of webhooks, or 'webhooks: []' for none"
            )
            return nil
        }
        guard case .sequence(let items) = field.value else {
            let kind = YAMLValueKind(field.value)
            let hint = kind == .null
                ? "write 'webhooks: []' for a site without webhooks"
                : "start each webhook with '- name:'"
            error("'webhooks' must be a list, found \(kind.description)", at: field.value, hint: hint)
            return nil
        }
        webhookCount = items.count
        if items.isEmpty {
            if prune {
                warning(
                    "no webhooks declared: apply will delete every live webhook of this site and needs --allow-empty",
                    at: field.value
                )
            } else {
                warning("no webhooks declared and prune is false: this file changes nothing", at: field.value)
            }
        }
        var webhooks: [DeclaredWebhook] = []
        var uniqueness = WebhookUniqueness()
        for (index, item) in items.enumerated() {
            if index == APILimits.maxWebhooksPerSite {
                error(
                    "too many webhooks: a site may have at most \(APILimits.maxWebhooksPerSite) (a ZTA API limit); this is number \(index + 1)",
                    at: item, hint: "split the receivers differently or remove some"
                )
            }
            if let webhook = parseWebhook(item, uniqueness: &uniqueness) {
                webhooks.append(webhook)
            }
        }
        return webhooks.count == items.count ? webhooks : nil
    }

    // MARK: Building blocks

    struct Field {
        var key: Node
        var value: Node
    }

    /// A mapping's fields by key, reporting unknown and repeated keys at the key.
    mutating func fields(of mapping: Node.Mapping, allowed: [String], allowedLabel: String) -> [String: Field] {
        var fields: [String: Field] = [:]
        suggestedKeys = []
        for (key, value) in mapping {
            guard let text = document.keyText(key) else {
                error("a key must be plain text, found \(YAMLValueKind(key).description)", at: key)
                continue
            }
            if let first = fields[text] {
                error("duplicate key '\(text)' (first \(firstMention(first.key, from: key)))", at: key, hint: "remove one of them")
                continue
            }
            guard allowed.contains(text) else {
                error(
                    "unknown key '\(text)'", at: key,
                    hint: Suggestions.hint(for: text, in: allowed, allowedLabel: allowedLabel)
                )
                if let suggestion = Suggestions.closest(to: text, in: allowed) { suggestedKeys.insert(suggestion) }
                continue
            }
            fields[text] = Field(key: key, value: value)
        }
        return fields
    }

    /// The text of a string value, or nil after an error that names what was found instead.
    mutating func string(_ node: Node, key: String) -> String? {
        let kind = YAMLValueKind(node)
        switch kind {
        case .string(let text):
            return text
        case .number(let text), .ambiguousBoolean(let text):
            error("'\(key)' must be a string, found \(kind.description)", at: node, hint: "quote it: \(key): \"\(text)\"")
        case .boolean(let value):
            error("'\(key)' must be a string, found \(kind.description)", at: node, hint: "quote it: \(key): \"\(value)\"")
        default:
            error("'\(key)' must be a string, found \(kind.description)", at: node)
        }
        return nil
    }

    func location(_ node: Node) -> SourceLocation {
        SourceLocation(file: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    /// "at line 4" for an earlier line, "at column 12" on the same line.
    func firstMention(_ first: Node, from second: Node) -> String {
        let a = location(first), b = location(second)
        return a.line == b.line ? "at column \(a.column)" : "at line \(a.line)"
    }

    mutating func error(_ message: String, at node: Node, hint: String? = nil) {
        diagnostics.append(.error(message, at: location(node), hint: hint))
    }

    mutating func warning(_ message: String, at node: Node, hint: String? = nil) {
        diagnostics.append(.warning(message, at: location(node), hint: hint))
    }
}
