import Foundation
import HTTPTypes
import Hummingbird

/// The answers of a local page server, each with the headers that keep a page to itself: a strict
/// Content-Security-Policy (scripts and styles from the page's own files only, no inline code, no
/// frames, no forms, no connection elsewhere), no sniffing, no caching, no referrer.
public enum PageResponse {
    public static let contentSecurityPolicy = """
        default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; \
        base-uri 'none'; form-action 'none'; frame-ancestors 'none'
        """

    static let hardening: [(HTTPField.Name, String)] = [
        (HTTPField.Name("Content-Security-Policy")!, contentSecurityPolicy),
        (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
        (.cacheControl, "no-store"),
        (HTTPField.Name("Referrer-Policy")!, "no-referrer"),
        (HTTPField.Name("X-Frame-Options")!, "DENY"),
        (HTTPField.Name("Cross-Origin-Resource-Policy")!, "same-origin"),
        (HTTPField.Name("Cross-Origin-Opener-Policy")!, "same-origin"),
    ]

    /// A page's HTML with each `{{NAME}}` of `values` replaced by its value, HTML-escaped.
    public static func html(_ template: String, values: [String: String]) -> Response {
        var page = template
        for (name, value) in values { page = page.replacingOccurrences(of: "{{\(name)}}", with: htmlEscaped(value)) }
        return text(200, page, type: "text/html; charset=utf-8")
    }

    public static func javaScript(_ source: String) -> Response {
        text(200, source, type: "text/javascript; charset=utf-8")
    }

    public static func css(_ source: String) -> Response {
        text(200, source, type: "text/css; charset=utf-8")
    }

    public static func json(_ status: Int, _ body: String) -> Response {
        text(status, body, type: "application/json")
    }

    public static func noContent() -> Response {
        Response(status: .noContent, headers: fields(type: nil))
    }

    public static func text(_ status: Int, _ body: String, type: String) -> Response {
        Response(
            status: HTTPResponse.Status(code: status), headers: fields(type: type),
            body: ResponseBody(byteBuffer: ByteBuffer(string: body))
        )
    }

    static func fields(type: String?) -> HTTPFields {
        var fields = HTTPFields()
        if let type { fields[.contentType] = type }
        for (name, value) in hardening { fields[name] = value }
        return fields
    }

    /// `&`, `<`, `>`, `"` and `'` as entities: safe in text and in quoted attributes.
    public static func htmlEscaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A JSON string literal (quotes included), every control character escaped.
    public static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"   // never `</script>` in a JSON text
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
