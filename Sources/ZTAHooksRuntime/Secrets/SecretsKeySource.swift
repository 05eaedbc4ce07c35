import Foundation
import ZTAHooksCore

/// Where a secrets key comes from: a key file, else an environment variable. The key itself is
/// never a flag (it would show in `ps`), and no message quotes a key file's content.
public enum SecretsKeySource {
    /// The key from `file` (named by `flag` in messages), else from `variable`; `nil` when neither
    /// is set. Anything that is not a key is a usage error (exit 64) saying how to make one.
    public static func load(file: String?, flag: String, variable: String,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws(CommandExit) -> SecretsKey? {
        if let file {
            let text = try read(file, flag: flag)
            return try parse(text, from: "\(flag) \(file.displaySafe)")
        }
        if let text = environment[variable], !text.isEmpty {
            return try parse(text, from: variable)
        }
        return nil
    }

    private static func read(_ path: String, flag: String) throws(CommandExit) -> String {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw usage("\(flag) \(path.displaySafe): \(String(cString: strerror(errno)))")
        }
        // A pipe is fine too (`--new-key-file <(your-secret-store get key)`): it leaves no copy.
        guard status.st_mode & S_IFMT != S_IFDIR else {
            throw usage("\(flag) \(path.displaySafe) is a directory, not a key file")
        }
        if status.st_mode & S_IFMT == S_IFREG, status.st_mode & 0o077 != 0 {
            // Warned, not refused: a CI runner writes files with its own umask, and the key is
            // as safe as the runner. On a shared machine, the warning says what to do.
            StandardError.write("warning: the key file \(path.displaySafe) can be read by other users "
                + "(mode \(String(status.st_mode & 0o777, radix: 8))); run `chmod 600 \(path.displaySafe)`\n")
        }
        guard status.st_size <= 4096, let handle = FileHandle(forReadingAtPath: path),
              let data = try? handle.readToEnd() ?? Data(), data.count <= 4096 else {
            throw usage("\(flag) \(path.displaySafe) could not be read as a key file")
        }
        return String(decoding: data, as: UTF8.self)
    }

    private static func parse(_ text: String, from source: String) throws(CommandExit) -> SecretsKey {
        do {
            var key = try SecretsKey(base64: text)
            key.source = source
            return key
        } catch {
            let what = switch error {
            case .notBase64: "is not base64"
            case .wrongLength(let count): "is \(count) bytes, not 32"
            }
            throw usage("the key in \(source) \(what); a key is 32 random bytes in base64: make one with `ztahooks secrets keygen`")
        }
    }

    private static func usage(_ message: String) -> CommandExit {
        StandardError.write("error: \(message)\n")
        return CommandExit(.usage)
    }
}
