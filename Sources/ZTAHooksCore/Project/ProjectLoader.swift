import Foundation

/// What reading a project file gave: the project (nil when absent or invalid) and its problems.
public struct ProjectLoadResult: Sendable {
    /// The project, nil when there is no file or it could not be read as one. A file with errors
    /// still gives the keys that were valid: the errors fail validation, and so every command
    /// that changes something, while `paths` still says where the sites are.
    public var project: ProjectFile?
    /// Problems of the project file itself, located in it.
    public var diagnostics: [Diagnostic]

    public init(project: ProjectFile?, diagnostics: [Diagnostic] = []) {
        self.project = project
        self.diagnostics = diagnostics
    }

    /// No project file: no policy, built-in defaults.
    public static let none = ProjectLoadResult(project: nil)
}

/// Finds and reads `ztahooks.yaml`, with the checks site files get.
public enum ProjectLoader {
    /// The project file for a command run in `directory` (absolute): `ztahooks.yaml` there or in
    /// the nearest parent up to the repository root, the first directory with a `.git` entry.
    /// Outside a repository only `directory` itself is searched, so that a stray file in a home
    /// directory cannot set the policy of every checkout below it. The path is relative to
    /// `directory` (`ztahooks.yaml`, `../../ztahooks.yaml`); nil when there is none.
    public static func discover(from directory: String, in source: some SiteFileSource) -> String? {
        var directories = [directory]
        while let last = directories.last, last != "/", let parent = parent(of: last) {
            directories.append(parent)
        }
        let searched = directories.firstIndex { source.kind(join($0, ".git")) != nil }
            .map { directories[...$0] } ?? directories.prefix(1)
        // Anything at the name counts, a FIFO or a directory included: loading it says what is wrong.
        guard let index = searched.firstIndex(where: { source.kind(join($0, ProjectFormat.fileName)) != nil }) else {
            return nil
        }
        return String(repeating: "../", count: index) + ProjectFormat.fileName
    }

    /// Reads and parses the project file at `path`; a missing file is an error, as with `--config`.
    public static func load(path: String, from source: some SiteFileSource) -> ProjectLoadResult {
        let here = SourceLocation(file: path, line: 1, column: 1)
        switch source.kind(path) {
        case nil:
            return failed(.error("no such project file", at: here))
        case .directory?:
            return failed(.error("the project file is a directory", at: here, hint: "point --config at a file such as \(ProjectFormat.fileName)"))
        case .other(let what)?:
            return failed(.error("not a regular file (\(what)); not read", at: here))
        case .regular?:
            break
        }
        do {
            return parse(path: path, contents: try source.read(path, limit: SiteFormat.maxFileBytes))
        } catch SiteFileReadError.tooLarge(let bytes) {
            return failed(tooLarge(bytes, at: here))
        } catch SiteFileReadError.unreadable(let reason) {
            return failed(.error("cannot read file: \(reason)", at: here))
        } catch {
            return failed(.error("cannot read file: \(error)", at: here))
        }
    }

    /// Pure: one project file's bytes → the project (see `ProjectLoadResult.project`) and its diagnostics.
    public static func parse(path: String, contents: Data) -> ProjectLoadResult {
        let here = SourceLocation(file: path, line: 1, column: 1)
        guard contents.count <= SiteFormat.maxFileBytes else { return failed(tooLarge(contents.count, at: here)) }
        let document: YAMLDocument
        do throws(YAMLSafety.ProblemError) {
            document = try YAMLDocument.composeChecked(contents)
        } catch {
            let problem = error.problem
            return failed(.error(
                problem.message, at: SourceLocation(file: path, line: problem.line, column: problem.column), hint: problem.hint
            ))
        }
        guard let root = document.root else {
            return failed(.error(
                "file is empty; a project file needs at least one key", at: here,
                hint: "add 'paths:' with the site directories, or remove the file"
            ))
        }
        var parser = ProjectFileParser(path: path, document: document)
        var project = parser.parse(root)
        var diagnostics = YAMLDocument.clamped(parser.diagnostics, toEndOf: contents)
        if let extra = document.extraDocument {
            diagnostics.append(.error(
                "more than one YAML document in this file; a project file holds exactly one",
                at: SourceLocation(file: path, line: extra.line, column: extra.column),
                hint: "remove this '---' and what follows"
            ))
            project = nil
        }
        return ProjectLoadResult(project: project, diagnostics: diagnostics.sortedForOutput())
    }

    private static func failed(_ diagnostic: Diagnostic) -> ProjectLoadResult {
        ProjectLoadResult(project: nil, diagnostics: [diagnostic])
    }

    private static func tooLarge(_ bytes: Int, at location: SourceLocation) -> Diagnostic {
        .error(
            "file is \(bytes) bytes; a project file may be at most 1 MiB (\(SiteFormat.maxFileBytes) bytes)", at: location,
            hint: "a project's policy fits in a few lines"
        )
    }

    private static func parent(of directory: String) -> String? {
        let trimmed = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        guard let slash = trimmed.lastIndex(of: "/") else { return nil }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
