import Foundation
import ZTAHooksCore
import ZTAWebhooks

/// What `verify` concludes about one delivery. No case carries the secret or the expected digest.
public enum VerifyVerdict: Error {
    case valid(source: String)
    case signature(WebhookSignature.Failure)
    /// `fileExists` tells "no such webhook in the file" from "no file at all", a wrong path.
    case unknownWebhook(id: String, file: String, fileExists: Bool)
    case adopted(id: String)
    /// The webhook's entry was retired longer ago than `--retired-grace`.
    case retired(id: String, at: String, reason: String, grace: String)

    public var isValid: Bool {
        if case .valid = self { true } else { false }
    }

    /// One line: `valid: ...` or `invalid: <reason>`.
    public var line: String { (isValid ? "valid: " : "invalid: ") + reason }

    /// Why, in words; ids and paths made safe for a terminal.
    public var reason: String {
        switch self {
        case .valid(let source): "the signature matches the body and \(source)"
        case .signature(let failure): failure.description
        case .unknownWebhook(let id, let file, true):
            "no secret known for webhook \(id.displaySafe): the secrets file \(file.displaySafe) has no such webhook"
        case .unknownWebhook(let id, let file, false):
            "no secret known for webhook \(id.displaySafe): there is no secrets file at \(file.displaySafe) (choose it with --secrets-file or ZTA_SECRETS_FILE)"
        case .adopted(let id):
            "no secret known for webhook \(id.displaySafe): it was adopted by import (created outside ztahooks), so its secret is wherever it was created"
        case .retired(let id, let at, let reason, let grace):
            "webhook \(id.displaySafe) was retired at \(at.displaySafe) (\(reason.displaySafe)), longer ago than --retired-grace \(grace.displaySafe); "
                + "its secret is kept (`ztahooks secrets list --retired`) but no longer accepted"
        }
    }

    /// A stable code for scripts: `valid`, `malformedHeader`, `missingHeader`, `mismatch`,
    /// `unknownWebhook`, `adoptedWithoutSecret` or `retired`.
    public var code: String {
        switch self {
        case .valid: "valid"
        case .signature(.malformedHeader): "malformedHeader"
        case .signature(.missingHeader): "missingHeader"
        case .signature(.mismatch): "mismatch"
        case .unknownWebhook: "unknownWebhook"
        case .adopted: "adoptedWithoutSecret"
        case .retired: "retired"
        }
    }

    /// `{"message": ..., "result": ..., "valid": ...}` on one line, keys sorted.
    public var json: String {
        let object = Report(valid: isValid, result: code, message: reason)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(object)) ?? Data("{}".utf8), as: UTF8.self)
    }

    private struct Report: Encodable {
        var valid: Bool
        var result: String
        var message: String
    }
}
