import Foundation
import Testing
import ZTASim

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP answer, with helpers to read its JSON.
struct HTTPAnswer: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data

    func header(_ name: String) -> String? {
        headers.first { $0.key.lowercased() == name.lowercased() }?.value
    }

    var object: [String: Any] {
        ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any]) ?? [:]
    }

    var error: String? { object["error"] as? String }

    /// `webhooks` of a list or state answer.
    var webhooks: [[String: Any]] { object["webhooks"] as? [[String: Any]] ?? [] }

    /// `webhook` of a create answer.
    var webhook: [String: Any] { object["webhook"] as? [String: Any] ?? [:] }

    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A real emulator on a free loopback port and a URLSession talking to it.
struct SimHarness: Sendable {
    let server: SimServer
    let session: URLSession

    /// Runs `body` against a fresh server, then stops it whatever happens.
    static func with<T: Sendable>(
        _ options: SimOptions = SimOptions(),
        _ body: (SimHarness) async throws -> T
    ) async throws -> T {
        let server = try await SimServer.start(options: options)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 10
        let harness = SimHarness(server: server, session: URLSession(configuration: configuration))
        do {
            let result = try await body(harness)
            harness.session.invalidateAndCancel()
            await server.stop()
            return result
        } catch {
            harness.session.invalidateAndCancel()
            await server.stop()
            throw error
        }
    }

    func send(
        _ method: String, _ path: String, json: String? = nil, token: String? = nil, timeout: TimeInterval? = nil,
        headers: [String: String] = [:]
    ) async throws -> HTTPAnswer {
        var request = URLRequest(url: URL(string: server.baseURL + path)!)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let json {
            request.httpBody = Data(json.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let token {
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        }
        if let timeout {
            request.timeoutInterval = timeout
        }
        let (data, response) = try await session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            if let key = key as? String, let value = value as? String { headers[key] = value }
        }
        return HTTPAnswer(status: http.statusCode, headers: headers, body: data)
    }

    func list(_ siteId: String, token: String? = nil) async throws -> HTTPAnswer {
        try await send("GET", "/api/webhooks?siteId=\(siteId)", token: token)
    }

    func create(
        site: String = "site_abc123", url: String = "https://hooks.example.com/a",
        events: [String] = ["pageview"], description: String? = nil, token: String? = nil
    ) async throws -> HTTPAnswer {
        var body: [String: Any] = ["siteId": site, "url": url, "events": events]
        if let description { body["description"] = description }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
        return try await send("POST", "/api/webhooks", json: json, token: token)
    }

    func delete(_ id: String, token: String? = nil) async throws -> HTTPAnswer {
        try await send("DELETE", "/api/webhooks?id=\(id)", token: token)
    }

    func setFaults(_ json: String) async throws {
        let answer = try await send("POST", "/_sim/faults", json: json)
        #expect(answer.status == 200, "faults not set: \(answer.text)")
    }
}
