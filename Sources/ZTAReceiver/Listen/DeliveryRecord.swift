import Foundation
import ZTAHooksCore

/// One request to `listen` and what became of it: the line it prints (text or JSON), and what a
/// `DeliveryObserver` sees. No field holds a secret: verification yields a verdict, never the
/// secret or the expected signature.
public struct DeliveryRecord: Sendable, Hashable {
    /// What became of a verified delivery passed on with `--forward`.
    public enum Forwarding: Sendable, Hashable {
        /// The forward target's status.
        case answered(Int)
        /// Why the forward target gave no usable answer.
        case failed(String)
    }

    /// Verified with the secret of a webhook, or rejected and why.
    public enum Verdict: Sendable, Hashable {
        case verified(webhookID: String)
        case rejected(DeliveryRejection)
    }

    /// When the request arrived.
    public var time: Date
    public var method: String
    /// The request target: path and query.
    public var path: String
    /// Every request header, in the order received.
    public var headers: [DeliveryHeader]
    /// The raw body; `nil` when the request was refused before its body was read whole (a method
    /// other than POST, a body over the limit or cut short).
    public var body: [UInt8]?
    /// The event type: the `X-ZTA-Event` header, else the body's `event`.
    public var event: String?
    /// The site: the webhook's in the secrets file, else the body's `data.siteId`.
    public var site: String?
    /// The webhook's name in the secrets file, when its id is known.
    public var name: String?
    /// The `X-ZTA-Webhook-ID` header.
    public var id: String?
    public var rejection: DeliveryRejection?
    /// The status `listen` answered with.
    public var status: Int
    public var forwarding: Forwarding?
    /// From arrival to the answer decided, in milliseconds.
    public var durationMs: Double = 0
    /// The inspector's number of the delivery this one replays.
    public var replayOf: Int?
    /// The same event already came through this webhook: the other of a replaced pair. Answered
    /// 200 and not passed on.
    public var duplicateOf: String?

    public init(time: Date, method: String, path: String, headers: [DeliveryHeader], event: String? = nil, id: String? = nil, status: Int) {
        self.time = time
        self.method = method
        self.path = path
        self.headers = headers
        self.event = event
        self.id = id
        self.status = status
    }

    public var verified: Bool { rejection == nil }

    /// A header's value, its name compared without case (several of one name joined with ", ").
    public func field(_ name: String) -> String? {
        let wanted = name.lowercased()
        let values = headers.filter { $0.name.lowercased() == wanted }.map(\.value)
        return values.isEmpty ? nil : values.joined(separator: ", ")
    }

    public var verdict: Verdict {
        if let rejection { .rejected(rejection) } else { .verified(webhookID: id ?? "") }
    }

    /// The request again, to replay it; `nil` when its body was never read whole.
    public var request: DeliveryRequest? {
        body.map { DeliveryRequest(method: method, path: path, headers: headers, body: $0) }
    }

    /// `2026-11-29T22:01:02.345Z pageview site_abc/ops-alerts (wh_123) verified → forwarded: 200`;
    /// `-` stands for what is unknown. Everything from the request is sanitised. The body follows
    /// only with `printBody`.
    public func textLine(style: Style, printBody: Bool = false) -> String {
        var line = "\(Self.timestamp(time)) \(shown(event)) \(shown(site))/\(shown(name)) (\(shown(id))) "
        if let rejection {
            line += style.red("rejected: \(rejection.description.displaySafe)")
        } else {
            line += style.green("verified")
        }
        if let duplicateOf {
            line += style.dim(", duplicate of the delivery through \(duplicateOf.displaySafe): not passed on")
        }
        switch forwarding {
        case .answered(let status): line += " → forwarded: \(status)"
        case .failed(let why): line += " → forwarded: " + style.red("failed (\(why.displaySafe))")
        case nil: break
        }
        line += "\n"
        if printBody, let body { line += "  body: \(String(decoding: body, as: UTF8.self).displaySafe)\n" }
        return line
    }

    /// One JSON object with keys sorted and always present (null when unknown); `body` only
    /// with `printBody`.
    public func jsonLine(printBody: Bool = false) -> String {
        var object: [String: Any] = [
            "time": Self.timestamp(time),
            "event": event ?? NSNull(),
            "site": site ?? NSNull(),
            "name": name ?? NSNull(),
            "id": id ?? NSNull(),
            "verified": verified,
            "reason": rejection.map { $0.description } ?? NSNull(),
            "status": status,
            "forwarded": NSNull(),
            "forwardError": NSNull(),
            "duplicateOf": duplicateOf ?? NSNull(),
        ]
        switch forwarding {
        case .answered(let status): object["forwarded"] = status
        case .failed(let why): object["forwardError"] = why
        case nil: break
        }
        if printBody, let body { object["body"] = String(decoding: body, as: UTF8.self) }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private func shown(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "-" }
        return value.displaySafe
    }

    /// ISO 8601 in UTC with milliseconds, as ZTA's own timestamps.
    public static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
