import Foundation
import Hummingbird
import Logging
import ZTAPages

/// Answers every request: the API under `/api/webhooks`, the control endpoints under `/_sim/`, the
/// console at `/` and under `/_console/`.
///
/// A hand-written dispatcher rather than a router, so that faults, authentication and statistics
/// wrap every API request the same way, unknown routes included.
struct SimResponder: HTTPResponder {
    typealias Context = SimRequestContext

    /// Bodies above this size get 413, matching the API's 1 MB payload limit.
    static let maxBodySize = 1 << 20

    let state: SimState
    let faults: SimFaults
    let stats: SimStats
    let deliveries: SimDeliveries
    let options: SimOptions
    let logger: Logger
    /// Host, Origin and token checks (`LocalPageGuard`) for every request.
    let pageGuard: LocalPageGuard
    /// Moves on every change the console shows.
    let changes: PageChanges

    /// What an API handler decided.
    enum Outcome {
        case answer(Response)
        /// The change is stored; close the connection instead of answering.
        case drop
    }

    struct ConnectionDropped: Error {}

    func respond(to request: Request, context: SimRequestContext) async throws -> Response {
        let path = Self.normalized(request.uri.path)
        // Every request, the API's included: a page elsewhere must not reach the emulator through
        // a name that resolves to loopback (DNS rebinding), nor change it from the browser.
        let changing = request.method != .get && request.method != .head
        if let refusal = pageGuard.refusal(for: request, changes: changing) {
            log(request, path: path, outcome: String(refusal.status.code))
            return refusal
        }
        if path == "/" || path.hasPrefix("/_console/") {
            let response = await console(request, path: path)
            log(request, path: path, outcome: String(response.status.code))
            return response
        }
        if path == "/_sim" || path.hasPrefix("/_sim/") {
            let response = await control(request, path: path)
            if changing, response.status.code < 300 { await changes.bump() }
            log(request, path: path, outcome: String(response.status.code))
            return response
        }
        let method = request.method.rawValue
        switch await api(request, path: path, context: context) {
        case .answer(let response):
            await stats.record(method: method, outcome: String(response.status.code))
            if changing, response.status.code < 300 { await changes.bump() }
            log(request, path: path, outcome: String(response.status.code))
            return response
        case .drop:
            await stats.record(method: method, outcome: "dropped")
            await changes.bump()
            log(request, path: path, outcome: "connection dropped after commit")
            await context.closeConnection()
            // Nothing can be written any more; the error only ends this request.
            throw ConnectionDropped()
        }
    }

    private func api(_ request: Request, path: String, context: SimRequestContext) async -> Outcome {
        // The latency counts from arrival, not from whenever this task next runs, so a busy
        // machine does not add its scheduling delay on top of the configured one.
        let arrived = ContinuousClock.now
        let arrival = await faults.arrive()
        switch arrival.verdict {
        case .rateLimited(let retryAfter):
            // A rate limit refuses at the door, as a gateway in front of an API does: at once.
            return .answer(SimJSON.error(429, "Too many requests", headers: [.retryAfter: String(retryAfter)]))
        case .proceed, .fail:
            if arrival.delay > .zero {
                try? await Task.sleep(until: arrived + arrival.delay, tolerance: .zero, clock: .continuous)
            }
        }
        if case .fail(let status) = arrival.verdict {
            return .answer(SimJSON.error(status, "Internal server error"))
        }
        guard path == "/api/webhooks" else {
            return .answer(SimJSON.error(404, "Not found"))
        }
        switch request.method {
        case .get, .post, .delete:
            break
        default:
            return .answer(SimJSON.error(405, "Method not allowed", headers: [.allow: "GET, POST, DELETE"]))
        }
        guard let owned = authorize(request) else {
            return .answer(SimJSON.error(401, "Unauthorized"))
        }
        switch request.method {
        case .get:
            return .answer(await list(request, owned: owned))
        case .post:
            return await create(request, owned: owned)
        default:
            return .answer(await delete(request, owned: owned))
        }
    }

    /// The sites the request's token owns (`.all` in open mode); `nil` when the request must be refused.
    private func authorize(_ request: Request) -> SiteAccess? {
        guard let tokens = options.tokens else { return .all }
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer",
            let sites = tokens[String(parts[1]).trimmingCharacters(in: .whitespaces)]
        else { return nil }
        return .some(sites)
    }

    /// Reads a request body up to the limit; `nil` when it is larger.
    func body(of request: Request) async -> Data? {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > Self.maxBodySize {
            return nil
        }
        guard let buffer = try? await request.body.collect(upTo: Self.maxBodySize) else { return nil }
        return Data(buffer.readableBytesView)
    }

    private func log(_ request: Request, path: String, outcome: String) {
        // The path only: the query holds site and webhook ids, never tokens or secrets, but keep lines short.
        logger.info("\(request.method.rawValue) \(path) \(outcome)")
    }

    static func normalized(_ path: String) -> String {
        path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    static func queryValue(_ request: Request, _ name: String) -> String? {
        guard let value = request.uri.queryParameters[Substring(name)], !value.isEmpty else { return nil }
        return String(value)
    }
}

/// Which sites a request may touch.
enum SiteAccess {
    case all
    case some(Set<String>)

    func owns(_ siteId: String) -> Bool {
        switch self {
        case .all: true
        case .some(let sites): sites.contains(siteId)
        }
    }
}
