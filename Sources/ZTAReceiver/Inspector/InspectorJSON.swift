import Foundation
import ZTAPages

/// The inspector's JSON: a summary per delivery for the list and the event stream, and the whole
/// of one delivery for its detail pane. Built by hand so that keys keep their order and every
/// string is escaped for any page (`<` included).
enum InspectorJSON {
    static func summary(_ entry: DeliveryInspector.Entry) -> String {
        "{" + summaryMembers(entry).joined(separator: ",") + "}"
    }

    private static func summaryMembers(_ entry: DeliveryInspector.Entry) -> [String] {
        let record = entry.record
        var forwardStatus: Int?
        var forwardError: String?
        switch record.forwarding {
        case .answered(let status): forwardStatus = status
        case .failed(let why): forwardError = why
        case nil: break
        }
        return [
            member("seq", number(entry.seq)),
            member("time", string(timestamp(record.time))),
            member("method", string(record.method)),
            member("path", string(record.path)),
            member("event", optional(record.event)),
            member("site", optional(record.site)),
            member("webhook", optional(record.id)),
            member("name", optional(record.name)),
            member("verified", record.verified ? "true" : "false"),
            member("reason", optional(record.rejection?.description)),
            member("duplicateOf", optional(record.duplicateOf)),
            member("status", number(record.status)),
            member("forwardStatus", forwardStatus.map(number) ?? "null"),
            member("forwardError", optional(forwardError)),
            member("durationMs", String(format: "%.1f", record.durationMs)),
            member("replayOf", record.replayOf.map(number) ?? "null"),
        ]
    }

    /// - Parameters:
    ///   - listenURL: where listen receives (`http://127.0.0.1:PORT`), for the curl command.
    ///   - secretsFile: the secrets file listen reads, for the verify command.
    static func detail(_ entry: DeliveryInspector.Entry, listenURL: String?, secretsFile: String?) -> String {
        let record = entry.record
        let body = record.body ?? []
        let headers = record.headers.map { "[" + string($0.name) + "," + string($0.value) + "]" }.joined(separator: ",")
        let signature = record.field("X-ZTA-Signature")
        let check = record.signatureCheck
        let replayable = record.body != nil && !entry.bodyDropped
        let members = summaryMembers(entry) + [
            member("headers", "[" + headers + "]"),
            member("bodyText", string(String(decoding: body, as: UTF8.self))),
            member("bodyBase64", string(Data(body).base64EncodedString())),
            member("bodyPretty", prettyBody(body).map(string) ?? "null"),
            member("bodyBytes", number(body.count)),
            member("bodyDropped", entry.bodyDropped ? "true" : "false"),
            member("replayable", replayable ? "true" : "false"),
            member("check", "{" + [
                member("header", optional(signature.map(shortened))),
                member("webhook", optional(record.id)),
                member("result", string(check.result)),
                member("explanation", string(check.explanation)),
            ].joined(separator: ",") + "}"),
            member("verifyCommand", optional(replayable ? verifyCommand(record, secretsFile: secretsFile) : nil)),
            member("curlCommand", optional(replayable ? listenURL.flatMap { curlCommand(record, listenURL: $0) } : nil)),
        ]
        return "{" + members.joined(separator: ",") + "}"
    }

    static func list(_ entries: [DeliveryInspector.Entry], keep: Int, target: String?, listen: String?) -> String {
        "{" + [
            member("deliveries", "[" + entries.map(summary).joined(separator: ",") + "]"),
            member("keep", number(keep)),
            member("target", optional(target)),
            member("listen", optional(listen)),
        ].joined(separator: ",") + "}"
    }

    /// The body as pretty JSON, when it is JSON.
    static func prettyBody(_ body: [UInt8]) -> String? {
        guard !body.isEmpty, (try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])) != nil
        else { return nil }
        return JSONIndenter.indent(body)
    }

    /// The first 16 characters of a signature header: enough to tell two apart, not to reuse one.
    static func shortened(_ header: String) -> String {
        header.count > 16 ? String(header.prefix(16)) + "…" : header
    }

    /// `printf … | base64 -d | ztahooks verify …`: the exact bytes, whatever they hold.
    static func verifyCommand(_ record: DeliveryRecord, secretsFile: String?) -> String? {
        guard let signature = record.field("X-ZTA-Signature") else { return nil }
        var words = ["ztahooks", "verify", "--signature", signature]
        if let id = record.field("X-ZTA-Webhook-ID") { words += ["--webhook-id", id] }
        if let secretsFile { words += ["--secrets-file", secretsFile] }
        return bodyPipe(record) + ShellQuote.line(words)
    }

    /// `printf … | base64 -d | curl …`: the same method, headers and bytes, to listen again.
    static func curlCommand(_ record: DeliveryRecord, listenURL: String) -> String? {
        var words = ["curl", "-sS", "-X", record.method, listenURL + record.path]
        for header in record.headers where !["host", "content-length", "connection"].contains(header.name.lowercased()) {
            words += ["-H", "\(header.name): \(header.value)"]
        }
        words += ["--data-binary", "@-"]
        return bodyPipe(record) + ShellQuote.line(words)
    }

    private static func bodyPipe(_ record: DeliveryRecord) -> String {
        "printf %s " + ShellQuote.word(Data(record.body ?? []).base64EncodedString()) + " | base64 -d | "
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    private static func member(_ key: String, _ value: String) -> String { string(key) + ":" + value }
    private static func string(_ text: String) -> String { PageResponse.jsonString(text) }
    private static func optional(_ text: String?) -> String { text.map(string) ?? "null" }
    private static func number(_ value: Int) -> String { String(value) }
}
