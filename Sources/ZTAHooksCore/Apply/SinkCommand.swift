/// A sink's command line: the program and its arguments, run without a shell.
///
/// Written as one string (`--on-secret`, or `onSecret: "..."`), it is split into words the
/// way a POSIX shell splits a simple command, and no further: blanks separate words, `'...'`
/// keeps everything literally, `"..."` keeps everything but `\"` and `\\`, and `\` outside
/// quotes escapes the next character. There is no `$VAR`, `~`, glob, pipe or redirection: a
/// `|` is just an argument. Whoever wants a shell writes one: `sh -c 'vault kv put ... -'`.
/// In the project file a list is taken word for word.
public struct SinkCommand: Hashable, Sendable {
    /// The program (looked up in `PATH` when it has no `/`) and its arguments.
    public var argv: [String]

    public init(argv: [String]) {
        self.argv = argv
    }

    /// Splits `text` into words; an empty command or an unclosed quote is an error.
    public init(parsing text: String) throws(Problem) {
        var words: [String] = []
        var word = ""
        var inWord = false
        var iterator = text.makeIterator()
        while let character = iterator.next() {
            switch character {
            case " ", "\t", "\n":
                if inWord { words.append(word) }
                word = ""
                inWord = false
            case "'":
                inWord = true
                while true {
                    guard let next = iterator.next() else { throw .unclosedQuote("'") }
                    if next == "'" { break }
                    word.append(next)
                }
            case "\"":
                inWord = true
                while true {
                    guard let next = iterator.next() else { throw .unclosedQuote("\"") }
                    if next == "\"" { break }
                    if next == "\\" {
                        guard let escaped = iterator.next() else { throw .unclosedQuote("\"") }
                        if escaped != "\"" && escaped != "\\" { word.append("\\") }
                        word.append(escaped)
                    } else {
                        word.append(next)
                    }
                }
            case "\\":
                inWord = true
                if let escaped = iterator.next() { word.append(escaped) } else { word.append("\\") }
            default:
                inWord = true
                word.append(character)
            }
        }
        if inWord { words.append(word) }
        guard !words.isEmpty else { throw .empty }
        argv = words
    }

    /// Why a command string could not be split.
    public enum Problem: Error, Hashable, Sendable {
        case empty
        case unclosedQuote(Character)

        public var message: String {
            switch self {
            case .empty: "the command is empty"
            case .unclosedQuote(let quote): "the command has an unclosed \(quote)"
            }
        }
    }
}
