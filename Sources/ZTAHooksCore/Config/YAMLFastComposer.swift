import CYaml
import Yams

/// Composes the usual site file straight from libyaml's events, for a third of what Yams'
/// composer costs; anything unusual is left to Yams.
///
/// Yams wraps every event in an object, decodes every scalar through Foundation and hashes every
/// mapping's keys into a dictionary to find duplicates; on a plan of a thousand sites that was a
/// fifth of the client's instructions. This composer builds the same `Node` tree, node for node
/// (the same tags, styles and marks), for a document made only of scalars, sequences and
/// mappings whose keys are scalars that each appear once. On anything else it gives up and
/// returns nil: a syntax error, a second document, an empty file, an anchor, an alias, an
/// explicit tag, a complex or repeated key. Yams then composes the text as before, so every
/// message about such a file stays exactly what it was. A differential test holds the two
/// composers to the same trees.
@_spi(Testing) public enum YAMLFastComposer {
    static func compose(_ text: String) -> Node? {
        guard makeMark != nil else { return nil }
        var text = text
        return text.withUTF8 { bytes in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            return withUnsafeMutablePointer(to: &parser) { pointer in
                var events = Events(parser: pointer)
                defer { events.release() }
                return events.document()
            }
        }
    }

    /// Yams gives `Mark` no public initialiser. Its layout is two `Int`s, line then column; the
    /// first use checks that against a mark Yams made itself, and leaves this composer off (every
    /// file to Yams) should a later Yams lay it out otherwise.
    private static let makeMark: (@Sendable (Int, Int) -> Mark)? = {
        guard MemoryLayout<Mark>.size == MemoryLayout<(Int, Int)>.size,
            MemoryLayout<Mark>.alignment == MemoryLayout<(Int, Int)>.alignment,
            let made = try? Yams.compose(yaml: "\n   x")?.mark, made.line == 2, made.column == 4
        else { return nil }
        let copy = unsafeBitCast((2, 4), to: Mark.self)
        guard copy.line == made.line, copy.column == made.column else { return nil }
        return { unsafeBitCast(($0, $1), to: Mark.self) }
    }()

    /// The parser's events, one at a time, in one reused event.
    private struct Events {
        let parser: UnsafeMutablePointer<yaml_parser_t>
        var event = yaml_event_t()

        init(parser: UnsafeMutablePointer<yaml_parser_t>) {
            self.parser = parser
        }

        mutating func release() {
            yaml_event_delete(&event)
        }

        /// The next event; false on a syntax error.
        mutating func advance() -> Bool {
            yaml_event_delete(&event)
            return yaml_parser_parse(parser, &event) == 1
        }

        mutating func advance(expecting type: yaml_event_type_t) -> Bool {
            advance() && event.type == type
        }

        /// The root of a stream of exactly one document.
        mutating func document() -> Node? {
            guard advance(expecting: YAML_STREAM_START_EVENT), advance(expecting: YAML_DOCUMENT_START_EVENT), advance(),
                let root = node(),
                advance(expecting: YAML_DOCUMENT_END_EVENT), advance(expecting: YAML_STREAM_END_EVENT)
            else { return nil }
            return root
        }

        /// The node starting at the current event.
        mutating func node() -> Node? {
            switch event.type {
            case YAML_SCALAR_EVENT: scalar()
            case YAML_SEQUENCE_START_EVENT: sequence()
            case YAML_MAPPING_START_EVENT: mapping()
            default: nil  // an alias
            }
        }

        private var mark: Mark? {
            makeMark?(event.start_mark.line + 1, event.start_mark.column + 1)
        }

        /// Tags as Yams makes them: one object per node, since Yams resolves a tag in place, all
        /// sharing one constructor as a Yams parser's do (`Constructor.default` builds a new one,
        /// tables and all, on every use).
        private static func tag(_ name: Tag.Name) -> Tag {
            Tag(name, .basic, constructor)
        }

        /// Yams' `Constructor` holds only `let` tables and nothing here calls it, so one instance
        /// is safe to share between the threads that compose files in parallel.
        nonisolated(unsafe) private static let constructor = Constructor.default

        private func scalar() -> Node? {
            let data = event.data.scalar
            guard data.anchor == nil, data.tag == nil,
                let style = Node.Scalar.Style(rawValue: numericCast(data.style.rawValue))
            else { return nil }
            // A quoted or block scalar without a tag is a string, as Yams reads it; a plain one
            // is left to resolve.
            let tag = data.quoted_implicit == 1 ? Tag.Name.str : .implicit
            var value = UnsafeBufferPointer(start: data.value, count: data.length)[...]
            // Yams decodes a scalar with Foundation, which drops one leading byte order mark.
            if value.starts(with: [0xEF, 0xBB, 0xBF]) { value = value.dropFirst(3) }
            let text = String(decoding: value, as: UTF8.self)
            return .scalar(Node.Scalar(text, Self.tag(tag), style, mark))
        }

        private mutating func sequence() -> Node? {
            let start = event.data.sequence_start
            guard start.anchor == nil, start.tag == nil else { return nil }
            let mark = mark
            var items: [Node] = []
            while advance() {
                if event.type == YAML_SEQUENCE_END_EVENT {
                    return .sequence(Node.Sequence(items, Self.tag(.implicit), .any, mark))
                }
                guard let item = node() else { return nil }
                items.append(item)
            }
            return nil
        }

        private mutating func mapping() -> Node? {
            let start = event.data.mapping_start
            guard start.anchor == nil, start.tag == nil else { return nil }
            let mark = mark
            var pairs: [(Node, Node)] = []
            var keys: Set<String> = []
            while advance() {
                if event.type == YAML_MAPPING_END_EVENT {
                    return .mapping(Node.Mapping(pairs, Self.tag(.implicit), .any, mark))
                }
                // Every key here resolves to a string, so a repeated text is a repeated key:
                // Yams reports those, and a later walk places the report.
                guard event.type == YAML_SCALAR_EVENT, let key = scalar(), let text = key.scalar?.string,
                    keys.insert(text).inserted, advance(), let value = node()
                else { return nil }
                pairs.append((key, value))
            }
            return nil
        }
    }
}
