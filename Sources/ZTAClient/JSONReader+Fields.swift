extension JSONReader {
    /// A value that should be a string, read as `decode(String.self)` reads it.
    mutating func readTextField() throws(Malformed) -> WireField<String> {
        guard try peekKind() == .string else { return try readMismatch(expected: "a string") }
        return text(of: try readString()).map(WireField.value) ?? .fault(.notJSON)
    }

    /// A value that should be true or false; `JSONDecoder` takes neither 1 nor "true".
    mutating func readBoolField() throws(Malformed) -> WireField<Bool> {
        guard try peekKind() == .bool else { return try readMismatch(expected: "true or false") }
        return .value(try readBool())
    }

    /// A value that should be a list of strings; the first bad element is the fault, and the
    /// elements after it are only checked as structure.
    mutating func readTextListField() throws(Malformed) -> WireField<[String]> {
        guard try peekKind() == .array else { return try readMismatch(expected: "a list") }
        try enterContainer()
        var list: [String] = []
        var fault: WireFault?
        var first = true
        while try nextElement(&first) {
            guard fault == nil else {
                try skipValue()
                continue
            }
            if try peekKind() == .string {
                if let text = text(of: try readString()) { list.append(text) } else { fault = .notJSON }
            } else {
                fault = try skipNullOrValue() ? .nullElement(list.count) : .notAStringElement(list.count)
            }
        }
        return fault.map(WireField.fault) ?? .value(list)
    }

    /// Consumes a value that is not of the kind expected: null, or a fault naming the kind.
    private mutating func readMismatch<Value>(expected: String) throws(Malformed) -> WireField<Value> {
        try skipNullOrValue() ? .null : .fault(.notA(expected))
    }

    /// Consumes a value and tells whether it was null.
    mutating func skipNullOrValue() throws(Malformed) -> Bool {
        guard try peekKind() == .null else {
            try skipValue()
            return false
        }
        try readNull()
        return true
    }

    /// The name of a key this decoder reads, nil for any other; a key whose text is malformed
    /// makes `valid` false, since `JSONDecoder` decodes every key of an object it reads.
    func key(_ string: JSONString, valid: inout Bool) -> WireFields.Key? {
        if !string.hasEscapes {
            // The common case: compare bytes, make no String.
            for key in Self.plainKeys where bytesEqual(string, key.name) { return key.key }
            if !isWellFormed(string) { valid = false }
            return nil
        }
        guard let text = text(of: string) else {
            valid = false
            return nil
        }
        return WireFields.Key(rawValue: text)
    }

    private static let plainKeys: [(name: StaticString, key: WireFields.Key)] = [
        ("id", .id), ("url", .url), ("events", .events), ("active", .active), ("createdAt", .createdAt),
        ("lastTriggered", .lastTriggered), ("secret", .secret), ("webhook", .webhook), ("webhooks", .webhooks),
    ]
}
