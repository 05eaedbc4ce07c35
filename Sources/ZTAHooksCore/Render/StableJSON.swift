import Foundation

/// JSON for machines and diffs: keys sorted, pretty-printed, slashes left alone, a final newline.
public enum StableJSON {
    public static func render(_ value: some Encodable) -> String {
        // Encoding plain value types cannot fail.
        let data = (try? encoder().encode(value)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// An encoder with these settings, for a caller that encodes many values the same way.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
