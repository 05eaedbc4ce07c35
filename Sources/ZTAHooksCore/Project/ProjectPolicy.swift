/// The project's policy applied to valid sites: pure, `sites + policy → diagnostics`.
///
/// Each message points at the site file, where the pull request changed something, and its
/// hint at the project file's line, so that a reviewer sees which rule says no.
public enum ProjectPolicy {
    public static func check(_ sites: [SiteFile], against project: ProjectFile) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for site in sites {
            if let cap = project.maxWebhooksPerSite, site.webhooks.count > cap.value {
                diagnostics.append(tooManyWebhooks(site, cap: cap, project: project))
            }
            diagnostics += check(webhooks: site.webhooks, against: project)
        }
        return diagnostics
    }

    /// The rules of each webhook on its own: its host, its description.
    public static func check(webhooks: [DeclaredWebhook], against project: ProjectFile) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for webhook in webhooks {
            if let allowed = project.allowedHosts, let host = HostPattern.host(ofURL: webhook.url),
               !allowed.value.contains(where: { $0.matches(host: host) }) {
                diagnostics.append(hostNotAllowed(webhook, host: host, allowed: allowed, project: project))
            }
            if let required = project.requireDescription, required.value,
               webhook.description?.allSatisfy(\.isWhitespace) ?? true {
                diagnostics.append(missingDescription(webhook, required: required, project: project))
            }
        }
        return diagnostics
    }

    static func hostNotAllowed(
        _ webhook: DeclaredWebhook, host: String, allowed: ProjectFile.Setting<[HostPattern]>, project: ProjectFile
    ) -> Diagnostic {
        .error(
            "webhook '\(webhook.name)' sends to host '\(host)', which \(project.path) does not allow", at: webhook.urlLocation,
            hint: "allowed by \(place(allowed.location)): \(allowed.value.map(\.description).joined(separator: ", "))"
        )
    }

    static func tooManyWebhooks(_ site: SiteFile, cap: ProjectFile.Setting<Int>, project: ProjectFile) -> Diagnostic {
        .error(
            "site '\(site.site)' declares \(site.webhooks.count) webhooks; \(project.path) allows at most \(cap.value) per site",
            at: site.webhooksLocation, hint: "maxWebhooksPerSite at \(place(cap.location))"
        )
    }

    static func missingDescription(_ webhook: DeclaredWebhook, required: ProjectFile.Setting<Bool>, project: ProjectFile) -> Diagnostic {
        .error(
            "webhook '\(webhook.name)' has no description; \(project.path) requires one", at: webhook.location,
            hint: "add 'description:' saying what the receiver does; requireDescription at \(place(required.location))"
        )
    }

    private static func place(_ location: SourceLocation) -> String {
        "\(location.file):\(location.line):\(location.column)"
    }
}
