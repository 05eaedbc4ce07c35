import Foundation
import Yams

/// Checks that keep hostile input cheap: a size cap before reading, strict UTF-8, and a cap on
/// the size and depth of the composed document once aliases are expanded.
enum YAMLSafety {
    struct Problem: Equatable {
        var line: Int
        var column: Int
        var message: String
        var hint: String?
    }

    static func tooLarge(bytes: Int) -> Problem {
        Problem(
            line: 1, column: 1,
            message: "file is \(bytes) bytes; a site file may be at most 1 MiB (\(SiteFormat.maxFileBytes) bytes)",
            hint: "one site's webhooks fit in a few kilobytes"
        )
    }

    /// The text; throws with the line, column and byte offset of the first byte that is not UTF-8.
    static func decodeUTF8(_ data: Data) throws(ProblemError) -> String {
        let bytes = [UInt8](data)
        // The standard library's validation is the fast path; the walk below only finds where
        // the first bad byte is.
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        var line = 1
        var column = 1
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .emptyInput:
                return String(decoding: bytes, as: UTF8.self)
            case .error:
                let byte = String(bytes[offset], radix: 16, uppercase: true)
                throw ProblemError(Problem(
                    line: line, column: column,
                    message: "file is not valid UTF-8: byte 0x\(byte) at offset \(offset)",
                    hint: "save the file as UTF-8"
                ))
            }
        }
    }

    struct ProblemError: Error {
        var problem: Problem
        init(_ problem: Problem) { self.problem = problem }
    }

    /// Walks the document as a consumer would see it, aliases expanded, without recursion; stops
    /// at the first node past the caps so that an alias bomb costs at most `maxExpandedNodes` steps.
    static func checkExpansion(_ root: Node) -> Problem? {
        var stack: [(node: Node, depth: Int)] = [(root, 1)]
        var count = 0
        while let (node, depth) = stack.popLast() {
            count += 1
            if count > SiteFormat.maxExpandedNodes {
                return Problem(
                    line: node.mark?.line ?? 1, column: node.mark?.column ?? 1,
                    message: "document expands to more than \(SiteFormat.maxExpandedNodes) YAML nodes once aliases are resolved; a site file needs a few hundred",
                    hint: "aliases that reference each other multiply; is this an alias bomb?"
                )
            }
            if depth > SiteFormat.maxNestingDepth {
                return Problem(
                    line: node.mark?.line ?? 1, column: node.mark?.column ?? 1,
                    message: "nested more than \(SiteFormat.maxNestingDepth) levels deep; a site file needs 4",
                    hint: nil
                )
            }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping.reversed() {
                    stack.append((value, depth + 1))
                    stack.append((key, depth + 1))
                }
            case .sequence(let sequence):
                for item in sequence.reversed() { stack.append((item, depth + 1)) }
            case .scalar, .alias:
                break
            }
        }
        return nil
    }
}
