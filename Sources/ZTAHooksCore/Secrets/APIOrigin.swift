import Foundation

/// The API a secrets file belongs to, as written in its `api` field: the origin (scheme, host,
/// port) of the API URL, or `sandbox` for the embedded emulator, whose port changes every run.
///
/// A file's secrets are those of webhooks on one API. Read against another (a staging URL, an
/// emulator left in `ZTA_API_URL`), every entry would look gone, so the file refuses it.
public enum APIOrigin {
    /// The sandbox's files: `--sandbox` starts its emulator on a new port each run.
    public static let sandbox = "sandbox"

    /// `https://ztas.io`, `http://127.0.0.1:4010`: scheme and host lowercased, the scheme's
    /// default port left out, any path dropped; `nil` for a URL without a scheme or host.
    public static func of(_ url: URL) -> String? {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false),
              let scheme = components.scheme?.lowercased(), var host = components.host?.lowercased(), !host.isEmpty
        else { return nil }
        if host.contains(":"), !host.hasPrefix("[") { host = "[\(host)]" }
        let defaultPort = scheme == "https" ? 443 : scheme == "http" ? 80 : nil
        if let port = components.port, port != defaultPort { return "\(scheme)://\(host):\(port)" }
        return "\(scheme)://\(host)"
    }

    /// "the sandbox (--sandbox)" or "the API at https://ztas.io", for messages.
    public static func describe(_ origin: String) -> String {
        origin == sandbox ? "the sandbox (--sandbox)" : "the API at \(origin)"
    }

    /// The same for a URL given as text; `nil` when it is not an absolute URL.
    public static func of(_ text: String) -> String? {
        if text == sandbox { return sandbox }
        return URL(string: text.trimmingCharacters(in: .whitespacesAndNewlines)).flatMap { of($0) }
    }
}

extension SecretsSnapshot {
    /// Refuses a run against `origin` when the file belongs to another API. A file that names
    /// none yet belongs to whichever API first writes it, so reading it anywhere is allowed.
    public func checkBinding(to origin: String, file: String) throws(SecretsStoreError) {
        if let api, api != origin { throw .boundToAnotherAPI(file: file, bound: api, requested: origin) }
    }
}
