extension SiteLoader {
    struct Discovery {
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
    }

    /// The site files under `paths`: a file is taken as given, whatever its name; a directory is
    /// searched recursively for `*.yaml` and `*.yml`, skipping hidden files and directories and
    /// the project file, `ztahooks.yaml`.
    /// A file reached twice is read once. Only regular files are read (symbolic links to them
    /// included): a FIFO found in a directory is skipped with a warning, one given as a path is
    /// an error; neither is ever opened.
    static func discoverFiles(paths: [String], in source: some SiteFileSource) -> Discovery {
        var discovery = Discovery()
        var seen: Set<String> = []
        func add(_ file: String) {
            if seen.insert(canonical(file)).inserted { discovery.files.append(file) }
        }
        for path in paths {
            let here = SourceLocation(file: path, line: 1, column: 1)
            switch source.kind(path) {
            case nil:
                discovery.diagnostics.append(.error(FileOpenProblem.whyMissing(path), at: here))
            case .regular?:
                add(path)
            case .other(let what)?:
                discovery.diagnostics.append(.error("not a regular file (\(what)); not read", at: here))
            case .directory?:
                let listed: [String]
                do {
                    listed = try source.listRecursively(path)
                } catch {
                    discovery.diagnostics.append(.error("cannot list directory: \(error)", at: here))
                    continue
                }
                var found: [String] = []
                for file in listed.filter({ isSiteFile($0, under: path) }).sorted() {
                    // A vanished file or a broken link is kept: reading it reports the problem.
                    switch source.kind(file) {
                    case .directory?:
                        discovery.diagnostics.append(skipped(file, "a directory"))
                    case .other(let what)?:
                        discovery.diagnostics.append(skipped(file, what))
                    case .regular?, nil:
                        found.append(file)
                    }
                }
                if found.isEmpty {
                    discovery.diagnostics.append(.error(
                        "no site files (*.yaml, *.yml) in this directory", at: here,
                        hint: "site files are searched for recursively; hidden directories are skipped"
                    ))
                }
                found.forEach(add)
            }
        }
        return discovery
    }

    private static func skipped(_ file: String, _ what: String) -> Diagnostic {
        .warning("not a regular file (\(what)); skipped", at: SourceLocation(file: file, line: 1, column: 1))
    }

    /// Byte-level: the loader asks this of every file in the tree (and `ChangedSiteFiles` of each
    /// changed one): a YAML file, not hidden below `directory`, not the project file.
    static func isSiteFile(_ file: String, under directory: String) -> Bool {
        let bytes = Array(file.utf8)
        guard hasSuffixIgnoringCase(bytes, ".yaml") || hasSuffixIgnoringCase(bytes, ".yml") else { return false }
        let relative = file.hasPrefix(directory) ? bytes[directory.utf8.count...] : bytes[...]
        // Hidden files and directories: a component that starts with a dot.
        var atComponentStart = true
        for byte in relative {
            if atComponentStart, byte == UInt8(ascii: ".") { return false }
            atComponentStart = byte == UInt8(ascii: "/")
        }
        // The project file is YAML too, but never a site file: a directory search passes it by.
        let name = relative.split(separator: UInt8(ascii: "/")).last.map { String(decoding: $0, as: UTF8.self) }
        return name != ProjectFormat.fileName
    }

    private static func hasSuffixIgnoringCase(_ bytes: [UInt8], _ suffix: String) -> Bool {
        let suffix = Array(suffix.utf8)
        guard bytes.count >= suffix.count else { return false }
        return zip(bytes.suffix(suffix.count), suffix).allSatisfy { URLBytes.lowercased($0) == $1 }
    }

    /// `a//b/./c` and `a/b/../b/c` are one file; cheaper than Foundation's URL standardizing.
    static func canonical(_ path: String) -> String {
        isCanonical(path) ? path : resolved(path)
    }

    /// The path with empty and `.` components dropped and `..` applied.
    static func resolved(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            parts.append(part)
        }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }

    /// True when `canonical` would give the path back as it is, the usual case: no empty, `.`
    /// or `..` component and no trailing slash.
    static func isCanonical(_ path: String) -> Bool {
        var componentLength = 0
        var dots = 0
        for (index, byte) in path.utf8.enumerated() {
            if byte == UInt8(ascii: "/") {
                // An empty component (`//`, a trailing `/`) or one of only one or two dots; a
                // leading `/` is the root, not an empty component.
                if index > 0, componentLength == 0 || componentLength == dots && dots <= 2 { return false }
                componentLength = 0
                dots = 0
            } else {
                componentLength += 1
                if byte == UInt8(ascii: "."), dots == componentLength - 1 { dots += 1 }
            }
        }
        return componentLength > 0 && !(componentLength == dots && dots <= 2)
    }
}
