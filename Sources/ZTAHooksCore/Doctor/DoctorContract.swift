import Foundation
import ZTAJSON

/// `doctor --contract`: a create, list, delete, list round trip on a scratch site, every answer
/// checked against the contract (`APIContract`): how a user learns that the real API changed.
public enum DoctorContract {
    /// Where the scratch webhook points: a host under `.invalid`, which never resolves (RFC 2606),
    /// so that nothing can ever be delivered to it.
    public static func scratchURL(nonce: String) -> String { "https://ztahooks-contract-check.invalid/\(nonce)" }

    public static let scratchEvents = ["alert"]

    /// One answer of the round trip, as it came.
    public struct Answer: Sendable {
        public var status: Int?
        public var body: [UInt8]
        public var failure: String?

        public init(status: Int?, body: [UInt8], failure: String? = nil) {
            self.status = status
            self.body = body
            self.failure = failure
        }
    }

    /// What is wrong with one answer: its status, its shape against `schema`, and `extra`
    /// checks on the parsed value. Never quotes a value of the answer.
    public static func problems(step: String, _ answer: Answer, statuses: Set<Int>, schema: String,
                                contract: APIContract = .embedded, extra: (JSONValue) -> [String] = { _ in [] }) -> [String] {
        if let failure = answer.failure { return ["\(step): no answer (\(failure))"] }
        guard let status = answer.status, statuses.contains(status) else {
            return ["\(step): status \(answer.status ?? 0), the document gives \(statuses.sorted().map(String.init).joined(separator: " or "))"]
        }
        guard let value = JSONValue(parsing: answer.body) else { return ["\(step): the answer is not JSON"] }
        return contract.check(value, against: schema).map { "\(step): \($0)" } + extra(value).map { "\(step): \($0)" }
    }

    /// The create answer against what was asked: the same URL and events, a secret.
    public static func createdMatches(_ value: JSONValue, url: String) -> [String] {
        guard let webhook = value["webhook"] else { return [] }
        var problems: [String] = []
        if let answered = webhook["url"]?.stringValue, WebhookURL.normalized(answered) != WebhookURL.normalized(url) {
            problems.append("webhook.url is not the URL asked for")
        }
        if let events = webhook["events"]?.arrayValue?.compactMap(\.stringValue), Set(events) != Set(scratchEvents) {
            problems.append("webhook.events are not the events asked for")
        }
        return problems
    }

    /// The listing after the create must show the new webhook, and the one after the delete must not.
    public static func listing(_ value: JSONValue, id: String, expected present: Bool) -> [String] {
        let ids = value["webhooks"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
        switch (present, ids.contains(id)) {
        case (true, false): return ["the new webhook \(id) is not in the list"]
        case (false, true): return ["the deleted webhook \(id) is still listed"]
        default: return []
        }
    }

    /// The line of the report.
    public static func check(site: String, problems: [String], leftBehind: String?) -> DoctorCheck {
        if let leftBehind {
            return DoctorCheck("contract", .fail, (problems + ["the scratch webhook \(leftBehind) could not be deleted"]).joined(separator: "; "),
                               fix: "delete \(leftBehind) of site \(site) by hand (it points at a host that never resolves)")
        }
        guard problems.isEmpty else {
            return DoctorCheck("contract", .fail, "the API differs from its contract: " + problems.joined(separator: "; "),
                               fix: "compare with docs/reference/api-contract.md; if the real API changed, report it: ztahooks may misread it")
        }
        return DoctorCheck("contract", .ok, "create, list, delete and list again on \(site) answer as schemas/zta-api.openapi.yaml says (4 answers)")
    }
}
