extension DurableFileIO {
    /// Replaces `path` with `bytes`, whole or not at all: a temporary file (0600) beside it,
    /// fsync, rename over `path`, fsync of the directory. A failed attempt leaves `path` as it was.
    public func replaceFile(_ path: String, with bytes: [UInt8], temporary: String? = nil) throws(FileIOError) {
        let temporary = temporary ?? path + ".tmp"
        do {
            try writeFile(temporary, bytes: bytes)
            try rename(temporary, to: path)
        } catch {
            // A half-written copy has no use; the file itself is untouched.
            try? removeFile(temporary)
            throw error
        }
        try syncDirectory(SecretsPaths.directory(of: path))
    }
}
