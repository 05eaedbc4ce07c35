/// Writes an imported site as a site file: the schema line, `site`, `prune: true`, the webhooks,
/// and comments where the next apply will change something.
///
/// Every value from the API goes through `YAMLScalar`, and every comment through
/// `DisplayText.sanitize`, so that a hostile URL can neither break the YAML nor a terminal.
public enum SiteFileWriter {
    /// The schema line's default target: `sites/` beside `schemas/`, as in a typical repository.
    public static let defaultSchemaReference = "../schemas/site.schema.json"

    public static func render(_ site: ImportedSite, schemaReference: String = defaultSchemaReference) -> String {
        var lines = [
            "# yaml-language-server: $schema=\(DisplayText.sanitize(schemaReference))",
            "#",
            "# Imported by `ztahooks import` from the live webhooks of this site.",
            "site: \(YAMLScalar.render(site.siteId))",
            "prune: true",
        ]
        if site.webhooks.isEmpty {
            lines.append("webhooks: []")
        } else {
            lines.append("webhooks:")
            for webhook in site.webhooks { lines += entry(webhook) }
        }
        if !site.excluded.isEmpty {
            lines.append("")
            lines.append("# Live webhooks a site file cannot declare; the next apply deletes them (prune: true):")
            for webhook in site.excluded {
                lines.append("#   \(webhook.id) \(webhook.url) [\(webhook.events.joined(separator: ", "))]".displaySafe)
                lines.append("#     \(webhook.reason)".displaySafe)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func entry(_ webhook: ImportedWebhook) -> [String] {
        var lines: [String] = []
        if webhook.disabled {
            lines.append("  # \(webhook.id) is disabled by ZTA (active: false): the next apply replaces it, which mints a new secret")
        }
        if !webhook.duplicateIds.isEmpty {
            let count = webhook.duplicateIds.count
            lines.append("  # \(count) more live webhook\(count == 1 ? "" : "s") at this URL (\(webhook.duplicateIds.joined(separator: ", "))): "
                + "the next apply deletes \(count == 1 ? "it" : "them")")
        }
        lines = lines.map(\.displaySafe)
        lines.append("  - name: \(YAMLScalar.render(webhook.name))")
        lines.append("    url: \(YAMLScalar.render(webhook.url))")
        lines.append("    events: [\(webhook.events.rawValues.joined(separator: ", "))]")
        if let description = webhook.description {
            lines.append("    description: \(YAMLScalar.render(description))")
        }
        return lines
    }
}
