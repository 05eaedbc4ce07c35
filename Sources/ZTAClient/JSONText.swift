import Foundation

/// An answer's bytes as UTF-8 JSON text, found as `JSONDecoder` finds it: a UTF-8 byte order
/// mark is skipped, and UTF-16 or UTF-32 (told by a byte order mark, or by where the zero bytes
/// of the first characters fall, RFC 4627 section 3) is converted first.
enum JSONText {
    /// Runs `body` over the UTF-8 text and the offset where the JSON starts; text that cannot
    /// be converted becomes empty, which no reader takes for JSON.
    static func withUTF8<R>(_ data: Data, _ body: (UnsafeRawBufferPointer, Int) -> R) -> R {
        data.withUnsafeBytes { bytes in
            guard let (encoding, markLength) = foreignEncoding(bytes) else {
                let hasMark = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
                return body(bytes, hasMark ? 3 : 0)
            }
            guard var text = String(bytes: bytes.dropFirst(markLength), encoding: encoding) else {
                return body(UnsafeRawBufferPointer(start: nil, count: 0), 0)
            }
            return text.withUTF8 { body(UnsafeRawBufferPointer($0), 0) }
        }
    }

    private static func foreignEncoding(_ bytes: UnsafeRawBufferPointer) -> (String.Encoding, markLength: Int)? {
        guard bytes.count >= 2 else { return nil }
        switch (bytes[0], bytes[1]) {
        case (0xFE, 0xFF): return (.utf16BigEndian, 2)
        case (0xFF, 0xFE): return (.utf16LittleEndian, 2)
        default: break
        }
        if bytes.count >= 4 {
            if bytes[0] == 0, bytes[1] == 0, bytes[2] == 0 { return (.utf32BigEndian, 0) }
            if bytes[1] == 0, bytes[2] == 0, bytes[3] == 0 { return (.utf32LittleEndian, 0) }
        }
        if bytes[0] == 0 { return (.utf16BigEndian, 0) }
        if bytes[1] == 0 { return (.utf16LittleEndian, 0) }
        return nil
    }
}
