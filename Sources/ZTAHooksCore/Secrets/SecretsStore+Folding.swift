/// Folding the journal into the JSON file, during a run and at its end.
extension SecretsStore {
    /// Folds when the journal has grown past the threshold. Records keep queueing meanwhile.
    func foldDuringRun() async {
        guard let journal else { return }
        let state = self.state
        let changesFolded = changes
        let paths = self.paths
        let io = self.io
        let outcome = await offload { () -> Result<Int, FileIOError> in
            do throws(FileIOError) {
                let size = try SecretsStore.writeFile(state.snapshot, paths: paths, io: io)
                // A crash before this truncation leaves records that are also in the file;
                // replaying them gives the same state, since each record sets or removes one key.
                try io.truncate(journal, to: 0)
                try io.sync(journal)
                return .success(size)
            } catch {
                return .failure(error)
            }
        }
        switch outcome {
        case .success(let size):
            journalLength = 0
            foldedChanges = changesFolded
            foldThreshold = max(minimumFoldBytes, size)
        case .failure(let error):
            // The journal still holds every acknowledged record; stop recording on a failing disk.
            failure = error.reason
        }
    }

    /// Folds the journal into the file atomically, removes the journal and releases the lock.
    ///
    /// When the fold fails the journal stays, holding every acknowledged record, and the next
    /// `open` or `read` sees them.
    public func close() async throws(SecretsStoreError) {
        guard !isClosed else { return }
        isClosed = true
        await waitUntilIdle()
        defer {
            if let lock {
                // An empty lock file names no holder, so `plan` stops saying an apply is running.
                io.describeLock(lock, as: [])
                io.close(lock)
            }
            lock = nil
        }
        guard let journal else { return }
        self.journal = nil
        if journalLength > 0 || changes != foldedChanges {
            let state = self.state
            let paths = self.paths
            let io = self.io
            let outcome = await offload { () -> FileIOError? in
                do throws(FileIOError) {
                    _ = try SecretsStore.writeFile(state.snapshot, paths: paths, io: io)
                    return nil
                } catch {
                    return error
                }
            }
            if let error = outcome {
                io.close(journal)
                throw .foldFailed(file: paths.file, journal: paths.journal, reason: error.reason)
            }
            foldedChanges = changes
        }
        io.close(journal)
        // Everything in the journal is now in the file; a journal that survives this removal
        // is replayed harmlessly by the next run.
        try? io.removeFile(paths.journal)
        try? io.syncDirectory(paths.directory)
    }
}
