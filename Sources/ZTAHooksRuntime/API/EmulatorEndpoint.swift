import Foundation
import ZTAClient
import ZTAHooksCore
import ZTASim

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The control endpoints of a running emulator, for `trigger`: checks that it is one, then
/// publishes and waits for the deliveries.
public struct EmulatorEndpoint {
    /// Why nothing, or not everything, could be done.
    public enum Failure: Error {
        /// No answer at all: nothing listens there, or the connection broke.
        case unreachable(String)
        /// Something answered, but not as the emulator: nothing was published.
        case notEmulator(String)
        /// The emulator refused the publish (its `error` message).
        case refused(status: Int, message: String)
    }

    public let base: URL
    private let session: URLSession

    public init(base: URL) {
        self.base = URLSessionIPv6.reachable(base)
        let configuration = URLSessionConfiguration.ephemeral
        // A publish answers only once every delivery and retry has finished: up to three 5 s
        // timeouts plus 30 s of delays at time scale 1.
        configuration.timeoutIntervalForRequest = 300
        self.session = URLSession(configuration: configuration)
    }

    /// Asks a control endpoint that changes nothing, and insists on the emulator's mark.
    public func confirmEmulator() async throws(Failure) {
        let (_, response) = try await send(URLRequest(url: base.appendingPathComponent("_sim/stats"), timeoutInterval: 10))
        guard response.value(forHTTPHeaderField: SimServer.emulatorHeader) == "ztahooks" else {
            throw .notEmulator("\(base.absoluteString) answered without the \(SimServer.emulatorHeader) header of `ztahooks sim serve`")
        }
    }

    /// Publishes `body` (a `/_sim/publish` request with `wait: true`) and returns every delivery's record.
    public func publish(_ body: Data) async throws(Failure) -> [SimDeliveryRecord] {
        var request = URLRequest(url: base.appendingPathComponent("_sim/publish"))
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (data, response) = try await send(request)
        struct Answer: Decodable { var deliveries: [SimDeliveryRecord]?; var error: String? }
        let answer = try? JSONDecoder().decode(Answer.self, from: data)
        guard response.statusCode == 200, let deliveries = answer?.deliveries else {
            throw .refused(status: response.statusCode, message: answer?.error ?? "an answer that is not a list of deliveries")
        }
        return deliveries
    }

    private func send(_ request: URLRequest) async throws(Failure) -> (Data, HTTPURLResponse) {
        do {
            let (data, response) = try await session.data(for: request)
            guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
            return (data, http)
        } catch {
            throw .unreachable(Self.describe(error, target: base.absoluteString))
        }
    }

    private static func describe(_ error: any Error, target: String) -> String {
        switch (error as? URLError)?.code {
        case .cannotConnectToHost?: "could not connect to \(target) (connection refused): is `ztahooks sim serve` running?"
        case .timedOut?: "no answer from \(target) in time"
        case let code?: "the connection to \(target) failed (URL error \(code.rawValue))"
        case nil: "the connection to \(target) failed"
        }
    }
}
