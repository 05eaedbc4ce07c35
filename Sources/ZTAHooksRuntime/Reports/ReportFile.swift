import Foundation
import ZTAHooksCore

/// A report written beside the command's output (`drift --report`, `--metrics`, `plan --out`).
public enum ReportFile {
    /// Writes the file whole or not at all; false (after saying why) when it could not be
    /// written. The text is rendered only when there is a file to write: a report of 1,000 sites
    /// costs real time to encode.
    public static func write(_ text: @autoclosure () -> String, to path: String?, what: String, mode: mode_t? = nil) -> Bool {
        write(bytes: Array(text().utf8), to: path, what: what, mode: mode)
    }

    /// The same with the bytes already rendered.
    public static func write(bytes: @autoclosure () -> [UInt8], to path: String?, what: String, mode: mode_t? = nil) -> Bool {
        guard let path else { return true }
        do {
            try POSIXDurableFileIO().replaceFile(path, with: bytes())
        } catch {
            StandardError.write("error: cannot write \(what) to \(path): \(error.reason)\n")
            return false
        }
        // The metrics hold no secret and node_exporter reads them as another user.
        if let mode { chmod(path, mode) }
        return true
    }
}
