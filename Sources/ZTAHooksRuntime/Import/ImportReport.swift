import Foundation
import ZTAHooksCore

/// The writing half of `import`: site files, then adoptions, and what it tells the user.
enum ImportReport {
    /// Writes each site's file and then records the adoptions of the sites written; returns the
    /// exit code.
    ///
    /// Files first: an adoption is a record about a declared webhook, and written before its file
    /// a failure in between would leave records of webhooks no file declares. In this order a
    /// failure leaves, at worst, files whose webhooks `plan` flags "secret unknown" (the truth
    /// until adopted), and the message says to run the import again with --force.
    static func write(_ imports: [(String, ImportedSite)], failedBefore: Bool, to destinations: [String: String],
                      store: SecretsStore, schemaReference: String) async -> Int32 {
        var failed = failedBefore
        var written: [(path: String, site: ImportedSite)] = []
        for (siteId, site) in imports {
            let path = destinations[siteId]!
            let text = SiteFileWriter.render(site, schemaReference: schemaReference)
            // A net under the writer: a file that would not validate is never written.
            let check = SiteLoader.parse(path: path, contents: Data(text.utf8))
            if check.diagnostics.hasErrors {
                let problems = check.diagnostics.map { "\($0.location.line):\($0.location.column): \($0.fullMessage.displaySafe)" }
                StandardError.write("error: the file made for site \(siteId) would not validate (\(problems.joined(separator: "; "))); "
                    + "nothing was written for it\n")
                failed = true
                continue
            }
            do {
                try FileManager.default.createDirectory(atPath: SecretsPaths.directory(of: path), withIntermediateDirectories: true)
                try POSIXDurableFileIO().publishFile(path, bytes: Array(text.utf8))
            } catch {
                let reason = (error as? FileIOError)?.reason ?? error.localizedDescription
                StandardError.write("error: cannot write \(path.displaySafe): \(reason); nothing was adopted for site \(siteId); "
                    + "run `ztahooks import --site \(siteId)` again once that is fixed\n")
                failed = true
                continue
            }
            written.append((path, site))
            warn(site)
        }
        do {
            try await store.recordAdopted(written.flatMap(\.site.adoptions))
        } catch {
            let sites = written.map { "--site \($0.site.siteId)" }.joined(separator: " ")
            StandardError.write("error: the site files were written but the adoptions were not recorded: \(error.message). "
                + "Run `ztahooks import --force \(sites)` again to record them; until then plan flags those webhooks 'secret unknown'.\n")
            return 1
        }
        for (path, site) in written {
            let count = site.webhooks.count
            StandardOutput.write("Wrote \(path.displaySafe): \(count) webhook\(count == 1 ? "" : "s"), \(site.adoptions.count) adopted into \(store.path.displaySafe).\n")
        }
        if !written.isEmpty {
            let files = written.map { $0.path.displaySafe }.joined(separator: " ")
            StandardOutput.write("Check with `ztahooks plan \(files)`: \(expectation(written.map(\.site)))\n")
        }
        return failed ? 1 : 0
    }

    /// What the plan right after an import should say.
    static func expectation(_ sites: [ImportedSite]) -> String {
        let disabled = sites.reduce(0) { $0 + $1.webhooks.count(where: \.disabled) }
        let deleted = sites.reduce(0) { $0 + $1.excluded.count + $1.webhooks.reduce(0) { $0 + $1.duplicateIds.count } }
        if disabled == 0 && deleted == 0 { return "it shows no change." }
        var parts: [String] = []
        if disabled > 0 { parts.append("\(disabled) disabled to replace") }
        if deleted > 0 { parts.append("\(deleted) to delete (duplicates, or URLs a site file cannot hold)") }
        return "it shows only " + parts.joined(separator: " and ") + ", as the warnings above say."
    }

    /// The warnings about what the next apply will change, on standard error.
    static func warn(_ site: ImportedSite) {
        for webhook in site.webhooks {
            let label = "\(site.siteId)/\(webhook.name) (\(webhook.id.displaySafe))"
            if webhook.disabled {
                StandardError.write("warning: \(label) is disabled by ZTA (active: false): the next apply replaces it, "
                    + "which gives its receiver a new secret\n")
            }
            if !webhook.duplicateIds.isEmpty {
                let ids = webhook.duplicateIds.map(\.displaySafe).joined(separator: ", ")
                StandardError.write("warning: \(label): \(webhook.duplicateIds.count) more live at its URL (\(ids)); "
                    + "imported once, and the next apply deletes the others\n")
            }
        }
        for webhook in site.excluded {
            StandardError.write("warning: site \(site.siteId): \(webhook.id.displaySafe) \(webhook.url.displaySafe) cannot be declared "
                + "(\(webhook.reason.displaySafe)); it is listed in a comment of the file, and the next apply deletes it\n")
        }
    }
}
