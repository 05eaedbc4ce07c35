import Foundation

/// An answer's bytes as UTF-8 JSON text, found as `JSONDecoder` finds it (RFC 4627 section 3,
/// with its byte order marks): UTF-16 or UTF-32 is converted first, a byte order mark skipped.
enum JSONText {
    /// Runs `body` over the UTF-8 text and the offset where the JSON starts; text that cannot
    /// be converted becomes empty, which no reader takes for JSON.
    static func withUTF8<R>(_ data: Data, _ body: (UnsafeRawBufferPointer, Int) -> R) -> R {
        data.withUnsafeBytes { bytes in
            let (encoding, markLength) = encoding(of: bytes)
            guard encoding != .utf8 else { return body(bytes, markLength) }
            guard var text = String(bytes: bytes.dropFirst(markLength), encoding: encoding) else {
                return body(UnsafeRawBufferPointer(start: nil, count: 0), 0)
            }
            return text.withUTF8 { body(UnsafeRawBufferPointer($0), 0) }
        }
    }

    /// `JSONDecoder`'s reading of the first four bytes, case for case (including its taking
    /// FE FF 00 00 for UTF-32 little-endian, and two bytes with a zero for UTF-16).
    private static func encoding(of bytes: UnsafeRawBufferPointer) -> (String.Encoding, markLength: Int) {
        func byte(_ offset: Int) -> UInt8? { offset < bytes.count ? bytes[offset] : nil }
        switch (byte(0), byte(1), byte(2), byte(3)) {
        case (0, 0, 0xFE, 0xFF): return (.utf32BigEndian, 4)
        case (0xFE, 0xFF, 0, 0): return (.utf32LittleEndian, 4)
        case (0xFE, 0xFF, _, _): return (.utf16BigEndian, 2)
        case (0xFF, 0xFE, _, _): return (.utf16LittleEndian, 2)
        case (0xEF, 0xBB, 0xBF, _): return (.utf8, 3)
        case (0, 0, 0, let last?) where last != 0: return (.utf32BigEndian, 0)
        case (0, let a?, 0, let b?) where a != 0 && b != 0: return (.utf16BigEndian, 0)
        case (let first?, 0, 0, 0) where first != 0: return (.utf32LittleEndian, 0)
        case (let a?, 0, let b?, 0) where a != 0 && b != 0: return (.utf16LittleEndian, 0)
        case (0, let a?, nil, nil) where a != 0: return (.utf16BigEndian, 0)
        case (let a?, 0, nil, nil) where a != 0: return (.utf16LittleEndian, 0)
        default: return (.utf8, 0)
        }
    }
}
