import CCurl
import Foundation

/// The one thread that runs curl's multi handle, and the queue through which callers reach it.
///
/// A dedicated thread rather than the cooperative pool: its wait for sockets blocks, and one
/// thread doing all socket work is what keeps the CPU per request low. The loop is curl's socket
/// interface on epoll (`ccurl_loop`): an answer arriving wakes only its own transfer, where
/// `curl_multi_perform` ran all of them and polled each socket again (eight polls per request at
/// concurrency 8). Callers only touch the queues, under the lock, and wake the thread with
/// `ccurl_loop_wake`; every curl call happens on the driver thread.
final class CurlTransportDriver: @unchecked Sendable {
    /// curl_global_init once per process; libcurl counts its callers, so FoundationNetworking's
    /// own call does not clash with this one.
    private static let initialised: Bool = ccurl_global_init() == CURLE_OK

    /// Easy handles kept for reuse; more than this many idle at once are freed.
    private static let poolLimit = 256

    private let multi: UnsafeMutableRawPointer
    private let loop: OpaquePointer
    private let lock = NSLock()
    // Guarded by `lock`.
    private var incoming: [CurlTransportTransfer] = []
    private var cancelling: [CurlTransportTransfer] = []
    private var stopping = false
    private var tally = Counters()
    private var closed = false
    // Driver thread only.
    private var active: [UnsafeMutableRawPointer: CurlTransportTransfer] = [:]
    private var idle: [UnsafeMutableRawPointer] = []

    init(maxConnectionsPerHost: Int) {
        _ = Self.initialised
        guard let multi = curl_multi_init() else {
            fatalError("curl_multi_init failed: libcurl is out of memory")
        }
        self.multi = multi
        guard let loop = ccurl_loop_create(multi) else {
            fatalError("the HTTP client could not set up its event loop: the system refused an epoll instance or an eventfd")
        }
        self.loop = loop
        // Requests beyond the limit wait inside curl for a free connection, as URLSession's do.
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, max(1, maxConnectionsPerHost))
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(8, 2 * maxConnectionsPerHost))
        let thread = Thread { [self] in run() }
        thread.name = "ztahooks-curl"
        thread.start()
    }

    /// Hands a transfer to the driver thread; it resumes the transfer's continuation when done.
    func submit(_ transfer: CurlTransportTransfer) {
        let accepted = lock.withLock { () -> Bool in
            guard !closed else { return false }
            incoming.append(transfer)
            ccurl_loop_wake(loop)
            return true
        }
        if !accepted { finish(transfer, transfer.cancelled()) }
    }

    /// Asks the driver thread to drop a transfer and resume it as cancelled; a no-op once it is done.
    func cancel(_ transfer: CurlTransportTransfer) {
        lock.withLock {
            guard !transfer.finished, !closed else { return }
            transfer.cancelRequested = true
            cancelling.append(transfer)
            ccurl_loop_wake(loop)
        }
    }

    /// Ends the driver thread: transfers still running are resumed as cancelled, handles freed.
    func stop() {
        lock.withLock {
            stopping = true
            if !closed { ccurl_loop_wake(loop) }
        }
    }

    private func run() {
        while true {
            let (started, cancelled, stop) = lock.withLock {
                defer { incoming.removeAll(); cancelling.removeAll() }
                return (incoming, cancelling, stopping)
            }
            for transfer in started { start(transfer) }
            for transfer in cancelled { abort(transfer) }
            if stop {
                shutDown()
                return
            }
            // Returns on socket activity, curl's next timer, or a wakeup from `submit`/`cancel`/`stop`.
            _ = ccurl_loop_run_once(loop, 1000)
            collectFinished()
        }
    }

    private func start(_ transfer: CurlTransportTransfer) {
        if lock.withLock({ transfer.cancelRequested }) {
            finish(transfer, transfer.cancelled())
            return
        }
        guard let easy = idle.popLast() ?? makeHandle() else {
            finish(transfer, .failure(TransportFailure(.notSent, "could not start a request to \(transfer.target) (libcurl is out of memory)")))
            return
        }
        active[easy] = transfer
        transfer.handle = easy
        lock.withLock { tally.handlesInUse = active.count }
        if let failure = CurlTransport.configure(easy, for: transfer) {
            release(easy, of: transfer)
            finish(transfer, .failure(failure))
            return
        }
        curl_multi_add_handle(multi, easy)
    }

    private func makeHandle() -> UnsafeMutableRawPointer? {
        let easy = curl_easy_init()
        if easy != nil { lock.withLock { tally.handlesCreated += 1 } }
        return easy
    }

    private func abort(_ transfer: CurlTransportTransfer) {
        guard let easy = transfer.handle, active[easy] === transfer else { return }
        curl_multi_remove_handle(multi, easy)
        release(easy, of: transfer)
        finish(transfer, transfer.cancelled())
    }

    private func collectFinished() {
        var left: Int32 = 0
        while let message = curl_multi_info_read(multi, &left) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                  let transfer = active[easy] else { continue }
            // The message is freed by the removal below: read it first.
            let code = message.pointee.data.result
            var connects = 0
            _ = ccurl_easy_getinfo_long(easy, CURLINFO_NUM_CONNECTS, &connects)
            lock.withLock { tally.connectionsOpened += connects }
            curl_multi_remove_handle(multi, easy)
            release(easy, of: transfer)
            finish(transfer, transfer.result(code))
        }
    }

    /// Returns the handle to the pool. `curl_easy_reset` keeps the connection: it lives in the
    /// multi handle's cache, not in the easy handle.
    private func release(_ easy: UnsafeMutableRawPointer, of transfer: CurlTransportTransfer) {
        active[easy] = nil
        lock.withLock { tally.handlesInUse = active.count }
        curl_slist_free_all(transfer.headerList)
        transfer.headerList = nil
        curl_easy_reset(easy)
        if idle.count < Self.poolLimit {
            idle.append(easy)
        } else {
            curl_easy_cleanup(easy)
        }
    }

    private func finish(_ transfer: CurlTransportTransfer, _ result: Result<HTTPExchange, TransportFailure>) {
        let continuation = lock.withLock { () -> CheckedContinuation<Result<HTTPExchange, TransportFailure>, Never>? in
            guard !transfer.finished else { return nil }
            transfer.finished = true
            return transfer.continuation
        }
        continuation?.resume(returning: result)
    }

    private func shutDown() {
        for (easy, transfer) in active {
            curl_multi_remove_handle(multi, easy)
            release(easy, of: transfer)
            finish(transfer, transfer.cancelled())
        }
        let leftovers = lock.withLock {
            closed = true
            defer { incoming.removeAll(); cancelling.removeAll() }
            return incoming
        }
        for transfer in leftovers { finish(transfer, transfer.cancelled()) }
        for easy in idle { curl_easy_cleanup(easy) }
        idle.removeAll()
        curl_multi_cleanup(multi)
        ccurl_loop_free(loop)
    }

    /// What the driver has spent so far, for tests of handle and connection reuse.
    struct Counters: Sendable, Equatable {
        var handlesCreated = 0
        var connectionsOpened = 0
        var handlesInUse = 0
    }

    var counters: Counters { lock.withLock { tally } }
}
