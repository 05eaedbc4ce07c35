import Foundation
import ZTAHooksCore

/// The API's two answers read straight from bytes into values, with the outcomes (values,
/// faults and their words) of the Codable decoding they replace, at a fraction of its cost.
enum WireDecoding {
    /// `{"webhooks": [...]}`, or the bare array some servers send.
    static func webhookList(_ body: Data) -> Result<[LiveWebhook], DecodingProblem> {
        read(body) { reader, kind throws(JSONReader.Malformed) in
            switch kind {
            case .object:
                try reader.readListEnvelope()
            case .array:
                // The envelope's fault is the one reported when the bare array fails too.
                try reader.readWebhookArray(at: "").mapError { _ in .notExpectedObject }
            default:
                nil
            }
        }
    }

    /// `{"webhook": {..., "secret"}}`, a bare webhook object, or `secret` beside `webhook`.
    static func createdWebhook(_ body: Data) -> Result<CreatedWebhook, DecodingProblem> {
        read(body) { reader, kind throws(JSONReader.Malformed) in
            kind == .object ? try reader.readCreated() : nil
        }
    }

    /// Reads a whole answer: `top` reads the top-level value of the kind it is given, or
    /// returns nil for a kind the answer cannot be, which is then consumed and named.
    private static func read<Value>(
        _ body: Data,
        top: (inout JSONReader, JSONReader.Kind) throws(JSONReader.Malformed) -> Result<Value, DecodingProblem>?
    ) -> Result<Value, DecodingProblem> {
        JSONText.withUTF8(body) { bytes, start in
            var reader = JSONReader(bytes, from: start)
            do throws(JSONReader.Malformed) {
                let result: Result<Value, DecodingProblem>
                if let read = try top(&reader, try reader.peekKind()) {
                    result = read
                } else {
                    result = .failure(try reader.skipNullOrValue() ? .null("") : .notExpectedObject)
                }
                try reader.finish()
                return result
            } catch {
                return .failure(.notJSON)
            }
        }
    }
}

private extension JSONReader {
    mutating func readListEnvelope() throws(Malformed) -> Result<[LiveWebhook], DecodingProblem> {
        try enterContainer()
        var keysValid = true
        var webhooks: Result<[LiveWebhook], DecodingProblem>?
        var first = true
        while let name = try nextKey(&first) {
            if key(name, valid: &keysValid) == .webhooks, webhooks == nil {
                webhooks = try readWebhookArray(at: "webhooks")
            } else {
                try skipValue()
            }
        }
        guard keysValid else { return .failure(.notJSON) }
        return webhooks ?? .failure(.missing("webhooks"))
    }

    /// The webhooks of a list; after the first fault, the rest is only checked as structure.
    mutating func readWebhookArray(at path: String) throws(Malformed) -> Result<[LiveWebhook], DecodingProblem> {
        guard try peekKind() == .array else {
            return .failure(try skipNullOrValue() ? .null(path) : .notA("a list", path))
        }
        try enterContainer()
        var webhooks: [LiveWebhook] = []
        var problem: DecodingProblem?
        var first = true
        while try nextElement(&first) {
            guard problem == nil else {
                try skipValue()
                continue
            }
            let index = webhooks.count
            switch try readWebhookObject(keepingSecret: false) {
            case .success(let fields):
                switch fields.webhook(at: "\(path)[\(index)]") {
                case .success(let webhook): webhooks.append(webhook)
                case .failure(let fault): problem = fault
                }
            case .failure(let fault):
                problem = fault.problem(at: "\(path)[\(index)]")
            }
        }
        return problem.map { .failure($0) } ?? .success(webhooks)
    }

    /// A value that should be a webhook object, read field by field.
    mutating func readWebhookObject(keepingSecret: Bool) throws(Malformed) -> Result<WireFields, ObjectFault> {
        guard try peekKind() == .object else { return .failure(try skipNullOrValue() ? .null : .notAnObject) }
        try enterContainer()
        var fields = WireFields()
        var first = true
        while let name = try nextKey(&first) {
            try fields.read(key(name, valid: &fields.keysValid), from: &self, keepingSecret: keepingSecret)
        }
        return .success(fields)
    }

    mutating func readCreated() throws(Malformed) -> Result<CreatedWebhook, DecodingProblem> {
        try enterContainer()
        // The top level is read both as the envelope and as a bare webhook, since which it is
        // shows only once a `webhook` key is met, or not.
        var outer = WireFields()
        var inner: Result<WireFields, ObjectFault>?
        var first = true
        while let name = try nextKey(&first) {
            switch key(name, valid: &outer.keysValid) {
            case .webhook?:
                if inner == nil { inner = try readWebhookObject(keepingSecret: true) } else { try skipValue() }
            case let other:
                try outer.read(other, from: &self, keepingSecret: true)
            }
        }
        guard outer.keysValid else { return .failure(.notJSON) }
        let fields: WireFields
        let path: String
        switch inner {
        case nil:
            (fields, path) = (outer, "")
        case .success(let nested)?:
            (fields, path) = (nested, "webhook")
        case .failure(let fault)?:
            return .failure(fault.problem(at: "webhook"))
        }
        let webhook: LiveWebhook
        switch fields.webhook(at: path) {
        case .success(let value): webhook = value
        case .failure(let problem): return .failure(problem)
        }
        do throws(DecodingProblem) {
            // The secret beside `webhook` counts only when the webhook has none of its own.
            let secret = fields.secret.isAbsent && !outer.secret.isAbsent
                ? try outer.secret.required(at: "secret")
                : try fields.secret.required(at: path.isEmpty ? "secret" : "\(path).secret")
            return .success(CreatedWebhook(webhook: webhook, secret: secret))
        } catch {
            return .failure(error)
        }
    }
}

/// Why a value that should be a webhook object is not one.
private enum ObjectFault: Error {
    case null, notAnObject

    func problem(at path: String) -> DecodingProblem {
        switch self {
        case .null: .null(path)
        case .notAnObject: .notA("an object", path)
        }
    }
}
