/// Group commit: records that arrive while an fsync is in progress are appended together and
/// made durable by one fsync; each call resumes only once its own record is durable.
extension SecretsStore {
    /// The records of one call, waiting for their batch.
    struct QueuedRecords {
        var records: [SecretsJournalRecord]
        var bytes: [UInt8]
        /// Names the records in an error, e.g. "the secret of site_abc/ops-alerts".
        var what: String
        /// `nil` for records nobody waits for.
        var continuation: CheckedContinuation<Result<Void, SecretsStoreError>, Never>?
    }

    /// Encodes off the actor, so that concurrent sites encode in parallel, then waits for the batch.
    nonisolated func commit(_ records: [SecretsJournalRecord], what: String) async throws(SecretsStoreError) {
        var bytes: [UInt8] = []
        for record in records { bytes += SecretsJournalCodec.encode(record) }
        try await submit(records, bytes: bytes, what: what).get()
    }

    /// Queues the records behind a batch being written, or, when none is, writes them at once:
    /// the caller's own task is then the writer, so that the common case (one record, no other
    /// in flight) costs no new task and no resumption (see `appendDurably` for where it waits).
    private func submit(_ records: [SecretsJournalRecord], bytes: [UInt8], what: String) async -> Result<Void, SecretsStoreError> {
        if isClosed { return .failure(.closed(file: paths.file)) }
        if let failure { return .failure(.refused(what: what, file: paths.file, reason: failure)) }
        guard !writerRunning else {
            return await withCheckedContinuation { continuation in
                queued.append(QueuedRecords(records: records, bytes: bytes, what: what, continuation: continuation))
            }
        }
        writerRunning = true
        // With no writer running the queue is empty: these records lead the next batch.
        queued.append(QueuedRecords(records: records, bytes: bytes, what: what, continuation: nil))
        let outcome = await writeBatch(leaderWhat: what)
        // What queued meanwhile, and a fold that is due, are left to a writer of their own.
        if queued.isEmpty, journalLength < foldThreshold || failure != nil || journal == nil {
            finishWriting()
        } else {
            Task { await self.drain() }
        }
        return outcome
    }

    func enqueue(_ item: QueuedRecords) {
        queued.append(item)
        guard !writerRunning else { return }
        writerRunning = true
        Task { await self.drain() }
    }

    /// Writes batches until the queue is empty, folding when the journal has grown past the
    /// threshold. Runs as one writer at a time.
    private func drain() async {
        while true {
            if journalLength >= foldThreshold, failure == nil, journal != nil { await foldDuringRun() }
            guard !queued.isEmpty else { break }
            _ = await writeBatch(leaderWhat: nil)
        }
        finishWriting()
    }

    /// Writes everything queued as one batch and one fsync, and resumes its callers. Returns the
    /// outcome for the records queued without a continuation by the writing caller itself
    /// (named `leaderWhat`); success when there are none.
    private func writeBatch(leaderWhat: String?) async -> Result<Void, SecretsStoreError> {
        let batch = queued
        queued = []
        if let failure {
            // A fold failed while this batch waited.
            return settle(batch, leaderWhat: leaderWhat) { .refused(what: $0, file: paths.file, reason: failure) }
        }
        guard let journal else {
            return settle(batch, leaderWhat: leaderWhat) { _ in .closed(file: paths.file) }
        }
        let bytes = batch.reduce(into: [UInt8]()) { $0 += $1.bytes }
        if let error = await appendDurably(bytes, to: journal) {
            return failed(batch, leaderWhat: leaderWhat, error: error)
        }
        journalLength += bytes.count
        apply(batch.flatMap(\.records))
        for item in batch { item.continuation?.resume(returning: .success(())) }
        return .success(())
    }

    /// Appends and fsyncs off the actor, so that records keep queueing meanwhile (for the next
    /// batch). Where the pool has threads to spare, on the writing task's own thread: the hop
    /// to the I/O queue and back cost about five futex calls per create, more CPU than the
    /// write, and one writer at a time means at most one thread of the pool waits for the disk.
    /// With one core the pool has one thread, which must stay free for records to queue (group
    /// commit), so the I/O queue does the waiting.
    private func appendDurably(_ bytes: [UInt8], to journal: DurableFileHandle) async -> FileIOError? {
        let io = self.io
        let write = { @Sendable () -> FileIOError? in
            do throws(FileIOError) {
                try io.append(bytes, to: journal)
                try io.sync(journal)
                return nil
            } catch {
                return error
            }
        }
        return batchesWaitOnThePool ? await Self.offActor(write) : await offload(write)
    }

    /// Runs `work` on the calling task's thread, off any actor (a nonisolated async function
    /// runs on the generic executor).
    private static func offActor<T>(_ work: () -> T) async -> T {
        work()
    }

    private func finishWriting() {
        writerRunning = false
        let waiters = idleWaiters
        idleWaiters = []
        for waiter in waiters { waiter.resume() }
    }

    /// Resumes every waiting caller of `batch` with its error; returns the leader's.
    private func settle(_ batch: [QueuedRecords], leaderWhat: String?,
                        _ error: (String) -> SecretsStoreError) -> Result<Void, SecretsStoreError> {
        for item in batch { item.continuation?.resume(returning: .failure(error(item.what))) }
        return leaderWhat.map { .failure(error($0)) } ?? .success(())
    }

    /// A write or fsync failed: the batch's callers learn their records are not durable, every
    /// later record is refused, and apply stops before its next create.
    private func failed(_ batch: [QueuedRecords], leaderWhat: String?, error: FileIOError) -> Result<Void, SecretsStoreError> {
        failure = error.reason
        // What the server did is kept in memory, so that `close()` can still save it if the disk
        // recovers; an intent is not, since its create will never be sent.
        apply(batch.flatMap(\.records).filter { if case .intent = $0 { false } else { true } })
        let outcome = settle(batch, leaderWhat: leaderWhat) { .notDurable(what: $0, file: paths.file, reason: error.reason) }
        let refused = queued
        queued = []
        _ = settle(refused, leaderWhat: nil) { .refused(what: $0, file: paths.file, reason: error.reason) }
        return outcome
    }

    /// Returns once no batch is being written.
    func waitUntilIdle() async {
        guard writerRunning else { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    /// Runs blocking file calls on the I/O queue.
    nonisolated func offload<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            ioQueue.async { continuation.resume(returning: work()) }
        }
    }
}
