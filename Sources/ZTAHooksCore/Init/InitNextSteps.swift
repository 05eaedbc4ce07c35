/// What `init` says last: the exact commands that take a new repository to its first apply.
public enum InitNextSteps {
    public static func text(directory: String, ci: ProjectScaffold.CI, imported: Bool, sandbox: Bool) -> String {
        var steps: [String] = []
        let inDirectory = directory == "." ? "" : "cd \(directory.displaySafe)\n     "
        steps.append(imported
            ? "Review the imported files in sites/: each holds a site's live webhooks, so a plan shows no change."
            : "Put your site's ID in sites/example.yaml (rename it as you like), or write a file from a live site:\n"
                + "     \(inDirectory)ztahooks import --site SITE_ID --out sites")
        steps.append("Make the key that seals the secrets file, and keep a copy in your password manager:\n"
            + "     ztahooks secrets keygen > ~/.ztahooks-key && chmod 600 ~/.ztahooks-key")
        switch ci {
        case .github:
            steps.append("Give the workflows the API token and the key (GitHub CLI; the token is read from the prompt):\n"
                + "     gh secret set ZTA_API_TOKEN\n"
                + "     gh secret set ZTAHOOKS_SECRETS_KEY < ~/.ztahooks-key\n"
                + "   If main is protected, let GitHub Actions push to it (the apply job commits the sealed secrets file).")
        case .gitlab:
            steps.append("Add masked, protected CI/CD variables (Settings > CI/CD > Variables, or the GitLab CLI):\n"
                + "     glab variable set ZTA_API_TOKEN --masked --protected\n"
                + "     glab variable set ZTAHOOKS_SECRETS_KEY --masked --protected < ~/.ztahooks-key\n"
                + "     glab variable set ZTAHOOKS_GITLAB_TOKEN --masked --protected   # a project access token (Developer, api)")
        case .none:
            steps.append("Add CI when you are ready: `ztahooks init --ci github` (or gitlab) in a copy, or see docs/guides/ci.md in ztahooks.")
        }
        steps.append("Check everything before the first apply:\n"
            + (sandbox ? "     \(inDirectory)ztahooks doctor --sandbox"
                : "     \(inDirectory)ZTAHOOKS_SECRETS_KEY=\"$(cat ~/.ztahooks-key)\" ZTA_API_TOKEN=... ztahooks doctor"))
        steps.append(ci == .none
            ? "Plan, then apply: `ztahooks plan` and `ztahooks apply`."
            : "Commit and push on a branch, and open a pull request: the plan appears as a comment; merging applies it.")
        return "Next steps:\n" + steps.enumerated().map { "  \($0.offset + 1). \($0.element)" }.joined(separator: "\n") + "\n"
    }
}
