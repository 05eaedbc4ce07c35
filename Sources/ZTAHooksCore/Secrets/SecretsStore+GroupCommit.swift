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

    private func submit(_ records: [SecretsJournalRecord], bytes: [UInt8], what: String) async -> Result<Void, SecretsStoreError> {
        if isClosed { return .failure(.closed(file: paths.file)) }
        if let failure { return .failure(.refused(what: what, file: paths.file, reason: failure)) }
        return await withCheckedContinuation { continuation in
            enqueue(QueuedRecords(records: records, bytes: bytes, what: what, continuation: continuation))
        }
    }

    func enqueue(_ item: QueuedRecords) {
        queued.append(item)
        guard !writerRunning else { return }
        writerRunning = true
        Task { await self.drain() }
    }

    /// Writes batches until the queue is empty. Runs as one task at a time.
    private func drain() async {
        while !queued.isEmpty {
            if let failure {
                // A fold failed while this batch waited.
                let refused = queued
                queued = []
                for item in refused {
                    item.continuation?.resume(returning: .failure(.refused(what: item.what, file: paths.file, reason: failure)))
                }
                break
            }
            guard let journal else {
                finish(queued, with: .closed(file: paths.file))
                queued = []
                break
            }
            let batch = queued
            queued = []
            let bytes = batch.reduce(into: [UInt8]()) { $0 += $1.bytes }
            let io = self.io
            let outcome = await offload { () -> FileIOError? in
                do throws(FileIOError) {
                    try io.append(bytes, to: journal)
                    try io.sync(journal)
                    return nil
                } catch {
                    return error
                }
            }
            if let error = outcome {
                failed(batch, error: error)
                break
            }
            journalLength += bytes.count
            apply(batch.flatMap(\.records))
            for item in batch { item.continuation?.resume(returning: .success(())) }
            if journalLength >= foldThreshold { await foldDuringRun() }
        }
        writerRunning = false
        let waiters = idleWaiters
        idleWaiters = []
        for waiter in waiters { waiter.resume() }
    }

    /// A write or fsync failed: the batch's callers learn their records are not durable, every
    /// later record is refused, and apply stops before its next create.
    private func failed(_ batch: [QueuedRecords], error: FileIOError) {
        failure = error.reason
        // What the server did is kept in memory, so that `close()` can still save it if the disk
        // recovers; an intent is not, since its create will never be sent.
        apply(batch.flatMap(\.records).filter { if case .intent = $0 { false } else { true } })
        for item in batch {
            item.continuation?.resume(returning: .failure(.notDurable(what: item.what, file: paths.file, reason: error.reason)))
        }
        let refused = queued
        queued = []
        for item in refused {
            item.continuation?.resume(returning: .failure(.refused(what: item.what, file: paths.file, reason: error.reason)))
        }
    }

    private func finish(_ items: [QueuedRecords], with error: SecretsStoreError) {
        for item in items { item.continuation?.resume(returning: .failure(error)) }
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
