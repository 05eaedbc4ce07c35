import Foundation
import ZTAHooksCore

/// Where `import` writes each site's file, or why it must not.
///
/// A site declared in one file of the given paths (valid or not) is rewritten in that file with
/// `--force`, so that the site stays in exactly one file, and refused without; a site declared
/// in two files is refused either way. A site declared nowhere goes to `DIR/SITE.yaml`, refused
/// when anything at all is there (a file, a directory, even a dangling symlink) unless `--force`.
public struct ImportTargets {
    /// Site ID → the file to write.
    var destinations: [String: String] = [:]
    /// One line per refused site, for standard error.
    var refusals: [String] = []

    static func resolve(sites: [String], outDirectory: String, declaredIn paths: [String], force: Bool) async -> ImportTargets {
        let declared = await declarations(in: paths, outDirectory: outDirectory)
        var targets = ImportTargets()
        for site in sites {
            if let files = declared[site] {
                if files.count > 1 {
                    targets.refusals.append("site \(site) is declared in \(files.map(\.displaySafe).joined(separator: " and ")); keep it in one file first")
                } else if force {
                    targets.destinations[site] = files[0]
                } else {
                    targets.refusals.append("site \(site) is already declared in \(files[0].displaySafe); use --force to replace that file's declaration")
                }
                continue
            }
            let path = (outDirectory.hasSuffix("/") ? outDirectory : outDirectory + "/") + site + ".yaml"
            let destination = outDirectory == "." ? site + ".yaml" : path
            if !force && entryExists(destination) {
                targets.refusals.append("\(destination.displaySafe) already exists; use --force to overwrite it")
            } else {
                targets.destinations[site] = destination
            }
        }
        return targets
    }

    /// Sites declared in the paths, and in the output directory when it exists: importing into a
    /// tree must not put a second declaration of a site beside the first.
    private static func declarations(in paths: [String], outDirectory: String) async -> [String: [String]] {
        var searched = paths
        if LocalFileSource().kind(outDirectory) == .directory, !paths.contains(outDirectory) { searched.append(outDirectory) }
        guard !searched.isEmpty else { return [:] }
        // Files with errors count too: a broken file that names the site still declares it.
        return await SiteLoader.load(paths: searched, from: LocalFileSource()).declarations
    }

    /// `lstat`, not `stat`: a symlink counts as there even when what it points to is not.
    public static func entryExists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }
}
