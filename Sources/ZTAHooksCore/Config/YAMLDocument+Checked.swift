import Foundation

extension YAMLDocument {
    /// One file's bytes composed with every check hostile input gets: a leading byte order mark
    /// dropped, strict UTF-8, the pre-scan, and the caps on alias expansion and depth.
    ///
    /// Site files and the project file go through this one door, so that neither can be the
    /// cheaper way in. The size cap is the caller's: it reads the file and names what it is.
    static func composeChecked(_ contents: Data) throws(YAMLSafety.ProblemError) -> YAMLDocument {
        let contents = withoutByteOrderMark(contents)
        let text = try YAMLSafety.decodeUTF8(contents)
        if let finding = YAMLPreScan.scan([UInt8](contents)) {
            throw YAMLSafety.ProblemError(.init(
                line: finding.line, column: finding.column, message: finding.message, hint: finding.hint
            ))
        }
        let document = try compose(text)
        // Without a '*' there is no alias, so the tree is no larger than the text and no deeper
        // than the pre-scan allowed: the walk that counts it can be skipped.
        if let root = document.root, contents.withUnsafeBytes({ $0.contains(UInt8(ascii: "*")) }),
            let problem = YAMLSafety.checkExpansion(root) {
            throw YAMLSafety.ProblemError(problem)
        }
        return document
    }

    /// Editors on Windows may start a file with a byte order mark; libyaml would take it for
    /// content and split the file into two documents. Without it, columns count as editors do.
    static func withoutByteOrderMark(_ contents: Data) -> Data {
        contents.starts(with: [0xEF, 0xBB, 0xBF]) ? contents.dropFirst(3) : contents
    }
}
