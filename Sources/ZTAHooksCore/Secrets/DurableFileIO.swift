/// An open file handed out by a `DurableFileIO`.
public struct DurableFileHandle: Hashable, Sendable {
    public let raw: Int32

    public init(raw: Int32) {
        self.raw = raw
    }
}

/// A failed file operation: the system's error number and its words ("No space left on device").
public struct FileIOError: Error, Hashable, Sendable {
    public var code: Int32
    public var reason: String

    public init(code: Int32, reason: String) {
        self.code = code
        self.reason = reason
    }
}

/// The POSIX edge of the secrets store: the few file operations it needs, each synchronous.
///
/// A protocol so that tests can inject a full disk or a failing fsync at any step. Files are
/// created with mode 0600 and directories with 0700: they hold secrets.
public protocol DurableFileIO: Sendable {
    /// The whole file, or `nil` when it does not exist.
    func readFile(_ path: String) throws(FileIOError) -> [UInt8]?
    /// Creates the directory and its missing parents with mode 0700; nothing when it exists.
    func makeDirectory(_ path: String) throws(FileIOError)
    /// Opens (creating with 0600) and locks the file exclusively without waiting; `nil` when
    /// another process holds the lock. Closing the handle releases the lock.
    func lockFile(_ path: String) throws(FileIOError) -> DurableFileHandle?
    /// Opens for appending, creating the file with mode 0600, and forces 0600 on an existing one.
    func openForAppend(_ path: String) throws(FileIOError) -> DurableFileHandle
    /// Writes all bytes at the end; on failure some of them may have been written.
    func append(_ bytes: [UInt8], to file: DurableFileHandle) throws(FileIOError)
    /// `fsync`.
    func sync(_ file: DurableFileHandle) throws(FileIOError)
    func truncate(_ file: DurableFileHandle, to length: Int) throws(FileIOError)
    func close(_ file: DurableFileHandle)
    /// Creates or empties the file (mode 0600), writes the bytes and fsyncs it.
    func writeFile(_ path: String, bytes: [UInt8]) throws(FileIOError)
    func rename(_ source: String, to destination: String) throws(FileIOError)
    /// Makes a rename or a new file in this directory durable.
    func syncDirectory(_ path: String) throws(FileIOError)
    /// Removes the file; a missing file is not an error.
    func removeFile(_ path: String) throws(FileIOError)
    /// The path with its symbolic links followed and `.`/`..` resolved, as far as it exists;
    /// a last component that does not exist yet is kept as given.
    func resolvedPath(_ path: String) throws(FileIOError) -> String
    /// What is at `path` (following symbolic links), or `nil` when nothing is.
    func fileStatus(_ path: String) throws(FileIOError) -> FileStatus?
    /// Replaces the lock file's contents with who holds it (empty bytes: nobody). Best effort,
    /// not synced: the lock itself is what excludes; this only names the holder.
    func describeLock(_ lock: DurableFileHandle, as bytes: [UInt8])
}

/// The kind and permission bits of a file.
public struct FileStatus: Hashable, Sendable {
    public var kind: FileKind
    /// The permission bits, e.g. `0o600`.
    public var mode: UInt32

    public init(kind: FileKind, mode: UInt32) {
        self.kind = kind
        self.mode = mode
    }

    /// True when users other than the owner may read or write it.
    public var isOpenToOthers: Bool { mode & 0o077 != 0 }
}

extension DurableFileIO {
    /// No links to follow: the in-memory file systems of tests.
    public func resolvedPath(_ path: String) throws(FileIOError) -> String { path }

    /// Nothing: the in-memory file systems of tests have no second process to tell.
    public func describeLock(_ lock: DurableFileHandle, as bytes: [UInt8]) {}

    /// A regular file with mode 0600 when it exists: the in-memory file systems of tests.
    public func fileStatus(_ path: String) throws(FileIOError) -> FileStatus? {
        try readFile(path) == nil ? nil : FileStatus(kind: .regular, mode: 0o600)
    }
}
