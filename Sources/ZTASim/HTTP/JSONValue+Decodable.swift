/// Reads any JSON value, for the `data` of a published event.
///
/// Object keys come back in no particular order; `JSONValue.javaScriptOrder` puts them in the
/// order a JavaScript receiver will see them, which is what makes a signature verifiable there.
extension JSONValue: Decodable {
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            var members: [(String, JSONValue)] = []
            for key in object.allKeys {
                members.append((key.stringValue, try object.decode(JSONValue.self, forKey: key)))
            }
            self = .object(Self.javaScriptOrder(members))
            return
        }
        if var array = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !array.isAtEnd {
                items.append(try array.decode(JSONValue.self))
            }
            self = .array(items)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let value = try? single.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? single.decode(Double.self) {
            self = .number(value)
        } else {
            self = .string(try single.decode(String.self))
        }
    }

    /// JavaScript objects list integer-like keys first, ascending, then the others in insertion
    /// order; this sorts the others by name so that the order is at least repeatable.
    static func javaScriptOrder(_ members: [(String, JSONValue)]) -> [(String, JSONValue)] {
        func index(_ key: String) -> UInt32? {
            guard let value = UInt32(key), value < UInt32.max, String(value) == key else { return nil }
            return value
        }
        let indexed = members.compactMap { member in index(member.0).map { ($0, member) } }
            .sorted { $0.0 < $1.0 }.map(\.1)
        let named = members.filter { index($0.0) == nil }.sorted { $0.0 < $1.0 }
        return indexed + named
    }
}
