import Foundation
import ZTAHooksCore

/// One delivery as `listen` saw it: the line it prints, in text or JSON.
struct DeliveryRecord: Sendable {
    /// What became of a verified delivery passed on with `--forward`.
    enum Forwarding: Sendable, Hashable {
        case answered(Int)
        case failed(String)
    }

    var time: Date
    var event: String?
    var site: String?
    var name: String?
    var id: String?
    var rejection: DeliveryRejection?
    /// The status `listen` answered with.
    var status: Int
    var forwarding: Forwarding?
    /// The body as received; printed only with `--print-body`.
    var body: String?

    var verified: Bool { rejection == nil }

    /// `2026-11-29T22:01:02.345Z pageview site_abc/ops-alerts (wh_123) verified → forwarded: 200`;
    /// `-` stands for what is unknown. Everything from the request is sanitised.
    func textLine(style: Style) -> String {
        var line = "\(Self.timestamp(time)) \(shown(event)) \(shown(site))/\(shown(name)) (\(shown(id))) "
        if let rejection {
            line += style.red("rejected: \(rejection.description.displaySafe)")
        } else {
            line += style.green("verified")
        }
        switch forwarding {
        case .answered(let status): line += " → forwarded: \(status)"
        case .failed(let why): line += " → forwarded: " + style.red("failed (\(why.displaySafe))")
        case nil: break
        }
        line += "\n"
        if let body { line += "  body: \(body.displaySafe)\n" }
        return line
    }

    /// One JSON object with keys sorted and always present (null when unknown); `body` only
    /// with `--print-body`.
    func jsonLine() -> String {
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
        ]
        switch forwarding {
        case .answered(let status): object["forwarded"] = status
        case .failed(let why): object["forwardError"] = why
        case nil: break
        }
        if let body { object["body"] = body }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private func shown(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "-" }
        return value.displaySafe
    }

    /// ISO 8601 in UTC with milliseconds, as ZTA's own timestamps.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
