import Yams

/// Turns one composed `ztahooks.yaml` into a `ProjectFile`, reporting every problem on the way.
///
/// Built on the site-file parser's building blocks (key checks with did-you-mean, typed scalars,
/// locations), so that both files answer a mistake in the same words.
struct ProjectFileParser {
    private var base: SiteFileParser

    init(path: String, document: YAMLDocument) {
        base = SiteFileParser(path: path, document: document)
    }

    var diagnostics: [Diagnostic] { base.diagnostics }

    /// The typed project; a key with an error is left out, so that the rest (`paths` above all)
    /// still serves the run that reports the error. Nil only when the top level is not a mapping.
    mutating func parse(_ root: Node) -> ProjectFile? {
        guard case .mapping(let mapping) = root else {
            base.error(
                "the top level of a project file must be a mapping, found \(YAMLValueKind(root).description)",
                at: root, hint: "start with a key such as 'paths: [sites]'"
            )
            return nil
        }
        let fields = base.fields(of: mapping, allowed: ProjectFormat.keys, allowedLabel: "allowed keys in a project file")
        var project = ProjectFile(path: base.path)
        if let field = fields["allowedHosts"], let hosts = parseAllowedHosts(field.value) {
            project.allowedHosts = .init(hosts, at: base.location(field.key))
        }
        if let field = fields["maxWebhooksPerSite"],
           let value = base.integer(field.value, key: "maxWebhooksPerSite", in: ProjectFormat.webhooksPerSiteRange) {
            project.maxWebhooksPerSite = .init(value, at: base.location(field.key))
        }
        if let field = fields["requireDescription"], let value = base.boolean(field.value, key: "requireDescription") {
            project.requireDescription = .init(value, at: base.location(field.key))
        }
        project.paths = fields["paths"].flatMap { parseStrings($0.value, key: "paths", example: "paths: [sites]") } ?? []
        project.maxDeletes = fields["maxDeletes"].flatMap { base.integer($0.value, key: "maxDeletes", in: ProjectFormat.maxDeletesRange) }
        project.concurrency = fields["concurrency"].flatMap { parseConcurrency($0.value) }
        project.secretsFile = fields["secretsFile"].flatMap { nonEmptyString($0.value, key: "secretsFile") }
        project.onSecret = fields["onSecret"].flatMap { parseSink($0, key: "onSecret") }
        project.onDelete = fields["onDelete"].flatMap { parseSink($0, key: "onDelete") }
        project.retiredKeep = fields["retiredKeep"].flatMap { parseDuration($0.value, key: "retiredKeep") }
        return project
    }

    private mutating func parseAllowedHosts(_ node: Node) -> [HostPattern]? {
        guard let texts = parseStrings(node, key: "allowedHosts", example: "allowedHosts: [hooks.example.com, '*.example.com']") else {
            return nil
        }
        guard case .sequence(let items) = node else { return nil }
        var patterns: [HostPattern] = []
        var seen: [HostPattern: Node] = [:]
        for (text, item) in zip(texts, items) {
            let pattern: HostPattern
            do throws(HostPattern.Problem) {
                pattern = try HostPattern(parsing: text)
            } catch {
                base.error(error.message, at: item, hint: error.hint)
                continue
            }
            if let first = seen[pattern] {
                base.error("duplicate host '\(text)' (first \(base.firstMention(first, from: item)))", at: item, hint: "remove one of them")
                continue
            }
            seen[pattern] = item
            patterns.append(pattern)
        }
        return patterns.count == items.count ? patterns : nil
    }

    /// A non-empty list of non-empty strings, or nil after an error.
    private mutating func parseStrings(_ node: Node, key: String, example: String) -> [String]? {
        guard case .sequence(let items) = node else {
            let kind = YAMLValueKind(node)
            var hint = "write a list, such as \(example)"
            if case .string(let text) = kind { hint = "write a list: \(key): [\(text)]" }
            base.error("'\(key)' must be a list of strings, found \(kind.description)", at: node, hint: hint)
            return nil
        }
        if items.isEmpty {
            base.error("'\(key)' must not be an empty list", at: node, hint: "list at least one, or remove the key")
            return nil
        }
        let strings = items.compactMap { nonEmptyString($0, key: key) }
        return strings.count == items.count ? strings : nil
    }

    /// `auto`, or a whole number in `ProjectFormat.concurrencyRange`.
    private mutating func parseConcurrency(_ node: Node) -> ConcurrencySetting? {
        if case .string(let text) = YAMLValueKind(node), text == "auto" { return .auto }
        let range = ProjectFormat.concurrencyRange
        if case .number = YAMLValueKind(node) {
            return base.integer(node, key: "concurrency", in: range).map { .fixed($0) }
        }
        base.error("'concurrency' must be auto or a whole number from \(range.lowerBound) to \(range.upperBound), found \(YAMLValueKind(node).description)", at: node)
        return nil
    }

    private mutating func nonEmptyString(_ node: Node, key: String) -> String? {
        guard let text = base.string(node, key: key) else { return nil }
        if text.isEmpty {
            base.error("'\(key)' must not be empty", at: node)
            return nil
        }
        return text
    }

    /// A duration such as `30d` or `12h`; zero keeps no retired entry beyond the run that retires it.
    private mutating func parseDuration(_ node: Node, key: String) -> Int? {
        guard let text = base.string(node, key: key) else { return nil }
        do throws(DurationText.Error) {
            return try DurationText.seconds(text)
        } catch {
            base.error("'\(key)': \(error.message)", at: node, hint: "\(key): 30d")
            return nil
        }
    }

    /// A sink is a command: one string split into words (no shell; see `SinkCommand`), or a
    /// list of argv strings taken as they are.
    private mutating func parseSink(_ field: SiteFileParser.Field, key: String) -> SinkCommand? {
        if case .sequence = field.value {
            return parseStrings(field.value, key: key, example: "\(key): [./store-secret, --vault]").map(SinkCommand.init(argv:))
        }
        guard let text = nonEmptyString(field.value, key: key) else { return nil }
        do throws(SinkCommand.Problem) {
            return try SinkCommand(parsing: text)
        } catch {
            base.error("'\(key)': \(error.message)", at: field.value,
                       hint: "quote like a shell does, or write a list: \(key): [./store-secret, --vault]")
            return nil
        }
    }
}
