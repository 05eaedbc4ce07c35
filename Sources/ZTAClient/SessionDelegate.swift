import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Collects each task's answer under a cap and turns its end into one `Result`.
///
/// URLSession calls delegates on its own queue; the state is guarded by a lock, which makes the
/// unchecked `Sendable` sound.
final class SessionDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private struct Pending {
        var continuation: CheckedContinuation<Result<HTTPExchange, TransportFailure>, Never>
        var target: String
        var timeout: Duration
        var response: HTTPURLResponse?
        var body = Data()
        var exceededCap = false
        var timedOut = false
    }

    private let maxBodyBytes: Int
    private let lock = NSLock()
    private var pending: [Int: Pending] = [:]
    /// Deadlines that fired before the task was registered (possible when the timer is tiny).
    private var earlyTimeouts: Set<Int> = []

    init(maxBodyBytes: Int) {
        self.maxBodyBytes = maxBodyBytes
    }

    func register(taskID: Int, target: String, timeout: Duration,
                  continuation: CheckedContinuation<Result<HTTPExchange, TransportFailure>, Never>) {
        lock.withLock {
            var entry = Pending(continuation: continuation, target: target, timeout: timeout)
            entry.timedOut = earlyTimeouts.remove(taskID) != nil
            pending[taskID] = entry
        }
    }

    func markTimedOut(taskID: Int) {
        lock.withLock {
            if pending[taskID] != nil {
                pending[taskID]?.timedOut = true
            } else {
                earlyTimeouts.insert(taskID)
            }
        }
    }

    // Redirects are refused: the Authorization header must not travel to another host. The
    // 3xx answer itself is delivered and turned into an error by the client.
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        let tooLarge = lock.withLock { () -> Bool in
            pending[dataTask.taskIdentifier]?.response = response as? HTTPURLResponse
            if response.expectedContentLength > Int64(maxBodyBytes) {
                pending[dataTask.taskIdentifier]?.exceededCap = true
                return true
            }
            return false
        }
        completionHandler(tooLarge ? .cancel : .allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let tooLarge = lock.withLock { () -> Bool in
            guard var entry = pending[dataTask.taskIdentifier] else { return false }
            if entry.body.count + data.count > maxBodyBytes {
                entry.exceededCap = true
                pending[dataTask.taskIdentifier] = entry
                return true
            }
            entry.body.append(data)
            pending[dataTask.taskIdentifier] = entry
            return false
        }
        if tooLarge { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        guard let entry = lock.withLock({ pending.removeValue(forKey: task.taskIdentifier) }) else { return }
        let response = entry.response ?? (task.response as? HTTPURLResponse)
        entry.continuation.resume(returning: Self.result(entry, response: response, error: error))
    }

    private static func result(_ entry: Pending, response: HTTPURLResponse?, error: Error?) -> Result<HTTPExchange, TransportFailure> {
        if entry.exceededCap, let response {
            return .success(exchange(response, body: entry.body, exceededCap: true))
        }
        if entry.timedOut {
            return .failure(TransportFailure(.timedOut, "no answer from \(entry.target) within \(entry.timeout)"))
        }
        if let error {
            return .failure(classify(error, target: entry.target, timeout: entry.timeout))
        }
        guard let response else {
            return .failure(TransportFailure(.connectionLost, "\(entry.target) closed the connection without an HTTP answer"))
        }
        return .success(exchange(response, body: entry.body, exceededCap: false))
    }

    private static func exchange(_ response: HTTPURLResponse, body: Data, exceededCap: Bool) -> HTTPExchange {
        var headers: [String: String] = [:]
        for (key, value) in response.allHeaderFields {
            if let key = key as? String, let value = value as? String { headers[key.lowercased()] = value }
        }
        return HTTPExchange(status: response.statusCode, headers: headers, body: body, bodyExceededCap: exceededCap)
    }

    /// Sorts URLSession's errors by what they mean for a retry. Unknown errors count as
    /// "the connection was lost", the cautious reading for a POST.
    static func classify(_ error: Error, target: String, timeout: Duration) -> TransportFailure {
        guard let urlError = error as? URLError else {
            return TransportFailure(.connectionLost, "the connection to \(target) failed")
        }
        switch urlError.code {
        case .cannotConnectToHost:
            return TransportFailure(.notSent, "could not connect to \(target) (connection refused)")
        case .cannotFindHost, .dnsLookupFailed:
            return TransportFailure(.notSent, "could not resolve the host \(target)")
        case .notConnectedToInternet:
            return TransportFailure(.notSent, "no network connection to reach \(target)")
        case .timedOut:
            return TransportFailure(.timedOut, "no answer from \(target) within \(timeout)")
        case .networkConnectionLost, .badServerResponse, .cannotParseResponse, .zeroByteResource:
            return TransportFailure(.connectionLost, "\(target) closed the connection before the answer arrived")
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateHasUnknownRoot, .serverCertificateNotYetValid, .clientCertificateRejected,
             .clientCertificateRequired:
            return TransportFailure(.permanent, "the TLS connection to \(target) failed (certificate not trusted or handshake refused)")
        case .badURL, .unsupportedURL:
            return TransportFailure(.permanent, "the API URL \(target) is not usable")
        case .cancelled:
            return TransportFailure(.cancelled, "the request to \(target) was cancelled")
        default:
            return TransportFailure(.connectionLost, "the connection to \(target) failed (URL error \(urlError.code.rawValue))")
        }
    }
}
