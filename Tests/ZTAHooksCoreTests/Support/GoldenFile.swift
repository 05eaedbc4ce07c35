import Foundation
import Testing

/// Compares rendered output with a file under `Golden/`.
///
/// Set `ZTAHOOKS_RECORD=1` to write the output into the source tree instead (then review the
/// change with `git diff` and commit it). The comparison reads the copy SwiftPM bundles with
/// the tests; recording writes into the source tree (`SourceTree`), because the bundle
/// copy is rebuilt from the source tree on the next build.
enum GoldenFile {
    static var isRecording: Bool {
        ProcessInfo.processInfo.environment["ZTAHOOKS_RECORD"] == "1"
    }

    static var sourceDirectory: URL {
        SourceTree.testTarget.appendingPathComponent("Golden")
    }

    static func expect(_ actual: String, matches name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        if isRecording {
            do {
                try Data(actual.utf8).write(to: sourceDirectory.appendingPathComponent(name), options: .atomic)
            } catch {
                Issue.record("could not record Golden/\(name): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Golden"),
              let data = try? Data(contentsOf: url)
        else {
            Issue.record("Golden/\(name) is missing; record it with ZTAHOOKS_RECORD=1 swift test --filter PlanRenderingTests",
                         sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard expected != actual else { return }
        Issue.record(
            """
            output differs from Golden/\(name) (- golden, + actual; ␛ is ESC). \
            If the change is intended, re-record with ZTAHOOKS_RECORD=1.
            \(LineDiff.render(expected: expected, actual: actual))
            """,
            sourceLocation: sourceLocation)
    }
}

/// A line diff for failure messages: longest common subsequence, unchanged runs folded.
enum LineDiff {
    static func render(expected: String, actual: String, context: Int = 2) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let lines = diff(a, b)
        var out: [String] = []
        var index = 0
        while index < lines.count {
            // Fold a run of unchanged lines that is far from any change.
            var end = index
            while end < lines.count, lines[end].hasPrefix(" ") { end += 1 }
            let run = end - index
            if run > 2 * context + 1 {
                let keepHead = index == 0 ? 0 : context
                let keepTail = end == lines.count ? 0 : context
                out += lines[index..<(index + keepHead)]
                out.append("  … \(run - keepHead - keepTail) unchanged lines")
                out += lines[(end - keepTail)..<end]
                index = end
            } else if run > 0 {
                out += lines[index..<end]
                index = end
            } else {
                out.append(lines[index])
                index += 1
            }
        }
        return out.map { $0.replacingOccurrences(of: "\u{1B}", with: "␛") }.joined(separator: "\n")
    }

    private static func diff(_ a: [String], _ b: [String]) -> [String] {
        // lcs[i][j]: length of the longest common subsequence of a[i...] and b[j...].
        var lcs = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var (i, j) = (0, 0)
        var out: [String] = []
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                out.append("  " + a[i]); i += 1; j += 1
            } else if i < a.count, j == b.count || lcs[i + 1][j] >= lcs[i][j + 1] {
                out.append("- " + a[i]); i += 1
            } else {
                out.append("+ " + b[j]); j += 1
            }
        }
        return out
    }
}
