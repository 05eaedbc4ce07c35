/// What `ztahooks init` writes into a new sites repository: pure, options in, files out.
public enum ProjectScaffold {
    /// Which CI files to write.
    public enum CI: String, Sendable, CaseIterable {
        case github, gitlab, none
    }

    /// One file to write: its path under the repository, its text, and whether it may be
    /// appended to when it exists (only `.gitignore`: its other lines are kept).
    public struct File: Hashable, Sendable {
        public var path: String
        public var text: String
        public var appendable = false
    }

    /// The lines `.gitignore` needs: the secrets state stays out of git, except the sealed file
    /// (and its journal) that the CI apply job commits back.
    public static let gitignoreLines = [
        "# ztahooks: everything under .ztahooks/ stays out of git but the sealed secrets file, which CI commits back",
        ".ztahooks/*",
        "!.ztahooks/secrets.json",
        "!.ztahooks/secrets.json.journal",
    ]

    /// The files, in the order they are written. `withExample`: an example site file (left out
    /// when `--import` writes the real ones).
    public static func files(ci: CI, withExample: Bool) -> [File] {
        var files = [
            File(path: ProjectFormat.fileName, text: projectFile),
            File(path: "schemas/site.schema.json", text: SiteSchema.json),
            File(path: "schemas/project.schema.json", text: ProjectSchema.json),
            File(path: ".gitignore", text: gitignoreLines.joined(separator: "\n") + "\n", appendable: true),
        ]
        if withExample { files.insert(File(path: "sites/example.yaml", text: exampleSite), at: 1) }
        switch ci {
        case .github:
            files += [
                File(path: ".github/workflows/ztahooks-plan.yml", text: CITemplates.githubPlan + "\n"),
                File(path: ".github/workflows/ztahooks-apply.yml", text: CITemplates.githubApply + "\n"),
                File(path: ".github/workflows/ztahooks-drift.yml", text: CITemplates.githubDrift + "\n"),
            ]
        case .gitlab:
            files.append(File(path: ".gitlab-ci.yml", text: CITemplates.gitlab + "\n"))
        case .none:
            break
        }
        return files
    }

    /// The `.gitignore` lines an existing file lacks: appending them keeps everything it has.
    public static func missingGitignoreLines(in existing: String) -> [String] {
        let present = Set(existing.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) })
        let needed = gitignoreLines.filter { !$0.hasPrefix("#") && !present.contains($0) }
        return needed.isEmpty ? [] : [gitignoreLines[0]] + needed
    }

    static let projectFile = """
        # yaml-language-server: $schema=schemas/project.schema.json
        # The project's policy and the defaults of its commands: docs/reference/formats/project-file.md
        # in ztahooks. `ztahooks validate` checks it with the site files.
        paths: [sites]                     # where the site files are: one YAML file per ZTA site

        # Webhook URLs must use one of these hosts (uncomment and list yours):
        # allowedHosts:
        #   - hooks.example.com
        #   - "*.internal.example.com"     # any subdomain, not internal.example.com itself

        # maxWebhooksPerSite: 5            # tighter than the API's limit of 10
        # requireDescription: true         # every webhook says what its receiver does
        # maxDeletes: 3                    # the default of apply --max-deletes (10)
        # retiredKeep: 30d                 # how long the secrets of deleted webhooks are kept

        """

    static let exampleSite = """
        # yaml-language-server: $schema=../schemas/site.schema.json
        # One file per ZTA site: replace site_example with your site's ID (the dashboard shows it),
        # and the webhook with yours. `ztahooks import --site ID --out sites` writes a file from a
        # site's live webhooks instead. Reference: docs/reference/formats/site-file.md in ztahooks.
        site: site_example
        webhooks:
          - name: ops-alerts
            url: https://hooks.example.com/zta/alerts
            events: [alert]
            description: Traffic spikes to the ops channel

        """
}
