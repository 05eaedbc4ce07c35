import Foundation
import ZTAClient

/// A transport that answers from a script, one entry per request, and records what it was sent.
final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var script: [Result<HTTPExchange, TransportFailure>]
    private var sent: [HTTPRequest] = []

    init(_ script: [Result<HTTPExchange, TransportFailure>]) {
        self.script = script
    }

    var requests: [HTTPRequest] { lock.withLock { sent } }

    func send(_ request: HTTPRequest) async -> Result<HTTPExchange, TransportFailure> {
        lock.withLock {
            sent.append(request)
            guard !script.isEmpty else { return .failure(TransportFailure(.permanent, "script exhausted")) }
            return script.removeFirst()
        }
    }
}

/// Records the waits the client asked for instead of sleeping.
final class RecordedSleeps: @unchecked Sendable {
    private let lock = NSLock()
    private var waits: [Duration] = []

    var all: [Duration] { lock.withLock { waits } }

    var timing: RetryTiming {
        RetryTiming(
            sleep: { duration in self.lock.withLock { self.waits.append(duration) } },
            unitRandom: { 0.5 },
            now: { Date(timeIntervalSince1970: 1_700_000_000) })
    }
}

extension Result where Success == HTTPExchange, Failure == TransportFailure {
    static func answer(_ status: Int, _ body: String = "", headers: [String: String] = [:]) -> Self {
        .success(HTTPExchange(status: status, headers: headers, body: Data(body.utf8)))
    }

    static func fail(_ kind: TransportFailure.Kind, _ detail: String = "the connection broke") -> Self {
        .failure(TransportFailure(kind, detail))
    }
}
