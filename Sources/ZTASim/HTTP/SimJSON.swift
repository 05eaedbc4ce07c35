import Foundation
import Hummingbird

/// Builds the emulator's JSON answers; every one carries `Content-Type: application/json` and
/// `SimServer.emulatorHeader`.
enum SimJSON {
    static func response(_ status: Int, _ body: some Encodable, headers: HTTPFields = [:]) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        // Encoding plain structs of strings, numbers and arrays cannot fail.
        let data = (try? encoder.encode(body)) ?? Data(#"{"error":"Internal server error"}"#.utf8)
        return response(status, data: data, headers: headers)
    }

    private static func response(_ status: Int, data: Data, headers: HTTPFields) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        fields[.init(SimServer.emulatorHeader)!] = "ztahooks"
        return Response(
            status: HTTPResponse.Status(code: status),
            headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    /// An answer in the API's own key order.
    static func response(_ status: Int, _ value: JSONValue, headers: HTTPFields = [:]) -> Response {
        response(status, data: Data(value.serialized.utf8), headers: headers)
    }

    static func error(_ status: Int, _ message: String, headers: HTTPFields = [:]) -> Response {
        response(status, JSONValue.error(message), headers: headers)
    }
}
