/// A lexical pass over the raw text before Yams sees it.
///
/// Two hazards live inside the YAML library, not in our walk of its result: Yams hashes every
/// mapping key to find duplicates, so an alias used as a key (`*bomb: x`, `[*bomb]: x`) makes it
/// hash an exponentially large tree; and deep flow nesting (`[[[[…`) costs a parser frame per
/// level. Site files never need complex keys or deep flow collections, so this pass refuses both
/// up front, at the offending character. It tracks just enough YAML to be precise: quotes,
/// comments, block scalars, flow brackets and where a node may start.
struct YAMLPreScan {
    struct Finding: Equatable {
        var line: Int
        var column: Int
        var message: String
        var hint: String?
    }

    static func scan(_ bytes: [UInt8]) -> Finding? {
        var scanner = YAMLPreScan(bytes: bytes)
        return scanner.run()
    }

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var flowDepth = 0
    /// Set after a block scalar header (`|`, `>`) or a plain value at the end of a line: lines
    /// indented more than this column are that scalar's text, not structure.
    private var textIndent: Int?
    /// Where the last key or `- ` of the current line starts (a byte offset): what the text of
    /// a scalar must be indented past. Kept as an offset so that columns are counted only when used.
    private var structurePosition = 0
    private var atNodeStart = true
    /// The node starting now follows `: `, so it is a value and cannot be a key.
    private var afterValueIndicator = false
    /// The last token on the line was a plain scalar, which may continue on the next lines.
    private var inPlainScalar = false
    /// The previous token closed a flow collection, so a `:` now would make it a key.
    private var justClosedFlow = false
    /// Indentation columns of the enclosing block lines, and the `- ` indicators on this line:
    /// together an upper bound of the block nesting depth.
    private var indentStack: [Int] = []
    private var dashesOnLine = 0
    /// The block depth where the current flow collection began, added to the flow depth.
    private var blockDepthOfFlow = 0

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func run() -> Finding? {
        while index < bytes.count {
            if index == lineStart {
                let lineBefore = line
                if let finding = startLine() { return finding }
                if line != lineBefore { continue }  // the line was scalar text, skipped whole
            }
            guard index < bytes.count else { break }
            if let finding = scanToken() { return finding }
        }
        return nil
    }

    // MARK: Lines

    /// Handles indentation, block-scalar content, document markers and directives.
    private mutating func startLine() -> Finding? {
        var indent = 0
        while index + indent < bytes.count, bytes[index + indent] == UInt8(ascii: " ") { indent += 1 }
        if let parentIndent = textIndent {
            if isBlankLine(from: index + indent) || indent > parentIndent {
                skipRestOfLine()
                return nil
            }
            textIndent = nil
        }
        index += indent
        structurePosition = index
        dashesOnLine = 0
        if flowDepth == 0, !isBlankLine(from: index), bytes[index] != UInt8(ascii: "#") {
            while let last = indentStack.last, last > indent { indentStack.removeLast() }
            if indentStack.last != indent { indentStack.append(indent) }
            if indentStack.count > SiteFormat.maxNestingDepth { return finding(Self.tooDeepBlock) }
        }
        if flowDepth == 0 {
            atNodeStart = true
            afterValueIndicator = false
            inPlainScalar = false
            justClosedFlow = false
            if indent == 0, startsWith("%") {
                skipRestOfLine()
            } else if indent == 0, startsWith("---") || startsWith("...") {
                let after = index + 3
                if after >= bytes.count || isWhitespaceOrBreak(bytes[after]) { index = after }
            }
        }
        return nil
    }

    private func isBlankLine(from position: Int) -> Bool {
        var i = position
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") || bytes[i] == UInt8(ascii: "\r") {
            i += 1
        }
        return i >= bytes.count || bytes[i] == UInt8(ascii: "\n")
    }

    private mutating func skipRestOfLine() {
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
        consumeBreak()
    }

    private mutating func consumeBreak() {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\n") else { return }
        if flowDepth == 0, inPlainScalar, textIndent == nil {
            textIndent = column0(of: structurePosition)
        }
        index += 1
        line += 1
        lineStart = index
    }

    // MARK: Tokens

    private mutating func scanToken() -> Finding? {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\n") {
            consumeBreak()
            return nil
        }
        if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
            index += 1
            return nil
        }
        if byte == UInt8(ascii: "#"), index == lineStart || isWhitespaceOrBreak(bytes[index - 1]) {
            inPlainScalar = false  // a plain scalar never continues past a comment
            skipRestOfLine()
            return nil
        }
        if byte == UInt8(ascii: ":"), justClosedFlow {
            // `[a]: b`, and in flow context `{[a]:b}`: a collection as a key.
            return finding(Self.complexKey)
        }
        if byte == UInt8(ascii: ":"), isValueIndicator(at: index) {
            index += 1
            atNodeStart = true
            afterValueIndicator = true
            inPlainScalar = false
            return nil
        }
        justClosedFlow = false
        if flowDepth > 0 || atNodeStart {
            switch scanFlowIndicator(byte) {
            case .notFlow: break
            case .scanned: return nil
            case .found(let finding): return finding
            }
        }
        if flowDepth > 0, byte == UInt8(ascii: ",") {
            index += 1
            atNodeStart = true
            return nil
        }
        if atNodeStart {
            return scanNodeStart(byte)
        }
        index += 1
        return nil
    }

    private enum FlowStep {
        case notFlow
        case scanned
        case found(Finding)
    }

    /// `[`, `{`, `]` and `}`.
    private mutating func scanFlowIndicator(_ byte: UInt8) -> FlowStep {
        switch byte {
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            if flowDepth == 0 { blockDepthOfFlow = indentStack.count + dashesOnLine }
            flowDepth += 1
            if blockDepthOfFlow + flowDepth > SiteFormat.maxNestingDepth {
                return .found(finding(Self.tooDeep))
            }
            index += 1
            atNodeStart = true
            inPlainScalar = false
            return .scanned
        case UInt8(ascii: "]"), UInt8(ascii: "}"):
            guard flowDepth > 0 else { return .notFlow }
            flowDepth -= 1
            index += 1
            atNodeStart = false
            justClosedFlow = true
            return .scanned
        default:
            return .notFlow
        }
    }

    private mutating func scanNodeStart(_ byte: UInt8) -> Finding? {
        let next = index + 1 < bytes.count ? bytes[index + 1] : UInt8(ascii: "\n")
        let isValue = afterValueIndicator
        afterValueIndicator = false
        switch byte {
        case UInt8(ascii: "-") where flowDepth == 0 && isWhitespaceOrBreak(next):
            structurePosition = index
            dashesOnLine += 1
            if indentStack.count + dashesOnLine > SiteFormat.maxNestingDepth { return finding(Self.tooDeepBlock) }
            index += 1
        case UInt8(ascii: "?") where isWhitespaceOrBreak(next) || flowDepth > 0 && isFlowIndicator(next):
            return finding(Self.complexKey)
        case UInt8(ascii: "&"):
            skipAnchorName()  // the anchored node itself comes next
            afterValueIndicator = isValue
        case UInt8(ascii: "!"):
            skipWord()  // a tag: the tagged node itself comes next
            afterValueIndicator = isValue
        case UInt8(ascii: "*"):
            let start = index
            skipAnchorName()
            var after = index
            while after < bytes.count, bytes[after] == UInt8(ascii: " ") || bytes[after] == UInt8(ascii: "\t") { after += 1 }
            // Anchor names cannot hold ':', so any colon here makes the alias a key.
            if after < bytes.count, bytes[after] == UInt8(ascii: ":") {
                index = start
                return finding(Self.aliasKey)
            }
            atNodeStart = false
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            if !isValue, flowDepth == 0 { structurePosition = index }
            skipQuoted(byte)
            atNodeStart = false
        case UInt8(ascii: "|") where flowDepth == 0, UInt8(ascii: ">") where flowDepth == 0:
            textIndent = column0(of: structurePosition)
            skipRestOfLine()
        default:
            if !isValue, flowDepth == 0 { structurePosition = index }
            index += 1
            atNodeStart = false
            inPlainScalar = flowDepth == 0
        }
        return nil
    }

    /// `&name` or `*name`: libyaml's anchor names are ASCII letters, digits, '_' and '-'.
    private mutating func skipAnchorName() {
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            let isNameByte = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            guard isNameByte else { return }
            index += 1
        }
    }

    private mutating func skipWord() {
        while index < bytes.count, !isWhitespaceOrBreak(bytes[index]), !(flowDepth > 0 && isFlowIndicator(bytes[index])) {
            index += 1
        }
    }

    /// Skips a quoted scalar, which may span lines; an unterminated one is Yams' to report.
    private mutating func skipQuoted(_ quote: UInt8) {
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                consumeBreak()
                continue
            }
            if quote == UInt8(ascii: "\""), byte == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if byte == quote {
                if quote == UInt8(ascii: "'"), index + 1 < bytes.count, bytes[index + 1] == quote {
                    index += 2
                    continue
                }
                index += 1
                return
            }
            index += 1
        }
    }

    // MARK: Helpers

    /// A `:` that separates a key from its value (not one inside `https://x`).
    private func isValueIndicator(at position: Int) -> Bool {
        let next = position + 1 < bytes.count ? bytes[position + 1] : UInt8(ascii: "\n")
        return isWhitespaceOrBreak(next) || (flowDepth > 0 && isFlowIndicator(next))
    }

    private func startsWith(_ text: String) -> Bool {
        let utf8 = Array(text.utf8)
        guard index + utf8.count <= bytes.count else { return false }
        return Array(bytes[index..<index + utf8.count]) == utf8
    }

    private func isWhitespaceOrBreak(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    private func isFlowIndicator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
            || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")
    }

    /// Columns count characters, as Yams' marks do, not bytes.
    private func column0(of position: Int) -> Int {
        var count = 0
        var i = lineStart
        while i < position {
            if bytes[i] & 0b1100_0000 != 0b1000_0000 { count += 1 }
            i += 1
        }
        return count
    }

    private func finding(_ message: (text: String, hint: String)) -> Finding {
        Finding(line: line, column: column0(of: index) + 1, message: message.text, hint: message.hint)
    }

    // MARK: Messages

    static let aliasKey = (
        text: "an alias cannot be a mapping key in a site file",
        hint: "use aliases only for values, such as events: *analytics-events"
    )
    static let complexKey = (
        text: "complex mapping keys ('?', or a list or mapping used as a key) are not allowed in a site file",
        hint: "keys are plain words such as 'name' or 'events'"
    )
    static let tooDeepBlock = (
        text: "nested more than \(SiteFormat.maxNestingDepth) levels deep; a site file needs 4",
        hint: "check the indentation"
    )
    static let tooDeep = (
        text: "nested more than \(SiteFormat.maxNestingDepth) levels deep; a site file needs 4",
        hint: "check for unbalanced '[' or '{'"
    )
}
