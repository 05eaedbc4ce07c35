import Foundation
import ZTAHooksCore

extension ClientConfiguration {
    /// The environment variable holding the API origin.
    public static let apiURLVariable = "ZTA_API_URL"
    /// The environment variable holding the bearer token.
    public static let tokenVariable = "ZTA_API_TOKEN"
    /// A token file larger than this is surely not a token file.
    static let maxTokenFileBytes = 64 * 1024

    /// Builds the configuration from the command line and the environment.
    ///
    /// The API URL comes from `--api-url` (`apiURL`), else `ZTA_API_URL`, else `https://ztas.io`;
    /// it must be https, or http on a loopback host. The token comes from `--token-file`
    /// (`tokenFile`, one trailing newline trimmed), else `ZTA_API_TOKEN`; it is never taken
    /// from a flag value, where it would show in `ps` and shell history. Errors name the
    /// variable, flag or path at fault, never the token.
    public static func resolve(
        apiURL: String?,
        tokenFile: String?,
        environment: [String: String],
        requireToken: Bool
    ) throws(APIError) -> ClientConfiguration {
        let url = try resolveBaseURL(apiURL: apiURL, environment: environment)

        let token: String?
        if let tokenFile {
            token = try readTokenFile(tokenFile)
        } else if let fromEnvironment = environment[tokenVariable]?.trimmingCharacters(in: .whitespacesAndNewlines),
                  !fromEnvironment.isEmpty {
            token = try validatedToken(fromEnvironment, source: tokenVariable)
        } else {
            token = nil
        }
        if requireToken && token == nil {
            throw .configuration(message: "no API token: set \(tokenVariable) or pass --token-file PATH (or try --sandbox, which needs no account)")
        }
        return ClientConfiguration(baseURL: url, token: token)
    }

    /// The API URL from `--api-url` (`apiURL`), else `ZTA_API_URL`, else the default, checked.
    /// Commands call it before anything else, so that a bad URL is a usage error.
    public static func resolveBaseURL(apiURL: String?, environment: [String: String]) throws(APIError) -> URL {
        if let apiURL {
            return try validatedBaseURL(apiURL, source: "--api-url")
        } else if let fromEnvironment = environment[apiURLVariable], !fromEnvironment.isEmpty {
            return try validatedBaseURL(fromEnvironment, source: apiURLVariable)
        }
        return defaultBaseURL
    }

    /// Checks an API URL: absolute, https (http for loopback only), a valid port, no credentials,
    /// query or fragment.
    static func validatedBaseURL(_ raw: String, source: String) throws(APIError) -> URL {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        // Checked before the URL is parsed: an unparsable port would otherwise read as "not a URL",
        // and a parsable one past 65535 would only fail at the first request.
        if let port = portText(of: trimmed), !isValidPort(port) {
            throw .configuration(message: "\(source) \"\(trimmed)\" has the port \"\(port)\"; a port is a number from 1 to 65535")
        }
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty
        else {
            throw .configuration(message: "\(source) \"\(trimmed)\" is not an absolute URL such as https://ztas.io")
        }
        // Checked before the URL is echoed anywhere: the user part may hold a password.
        if components.user != nil || components.password != nil {
            throw .configuration(message: "\(source) must not contain a user name or password; the token goes in \(tokenVariable) or --token-file")
        }
        guard components.query == nil, components.fragment == nil else {
            throw .configuration(message: "\(source) \"\(trimmed)\" must not have a query or fragment")
        }
        switch scheme {
        case "https":
            break
        case "http":
            guard isLoopback(host: host) else {
                throw .configuration(message: "\(source) \"\(trimmed)\" uses plain http://, which is allowed only for loopback hosts (localhost, 127.0.0.1, ::1); use https://")
            }
        default:
            throw .configuration(message: "\(source) \"\(trimmed)\" must start with https://")
        }
        var normalized = components
        normalized.scheme = scheme
        while normalized.path.hasSuffix("/") { normalized.path.removeLast() }
        guard let url = normalized.url else {
            throw .configuration(message: "\(source) \"\(trimmed)\" is not an absolute URL such as https://ztas.io")
        }
        return url
    }

    /// The port as written after the host (`"99999"` in `http://h:99999/x`), nil when there is none.
    static func portText(of url: String) -> Substring? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        var authority = url[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        // A bracketed IPv6 address holds colons of its own.
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            authority = authority[authority.index(after: close)...]
        }
        guard let colon = authority.lastIndex(of: ":") else { return nil }
        let port = authority[authority.index(after: colon)...]
        return port.isEmpty ? nil : port
    }

    static func isValidPort(_ text: Substring) -> Bool {
        text.count <= 5 && text.allSatisfy { $0.isASCII && $0.isNumber } && (1...65_535).contains(Int(text) ?? 0)
    }

    /// `localhost`, `127.0.0.0/8` and `::1`: addresses whose traffic never leaves the machine.
    public static func isLoopback(host rawHost: String) -> Bool {
        var host = rawHost.lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host == "localhost" || host == "localhost." || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { octet in
            !octet.isEmpty && octet.count <= 3 && octet.allSatisfy(\.isASCII) && UInt8(octet) != nil
        }
    }

    /// Reads a token file; errors name the path and never quote the content.
    static func readTokenFile(_ path: String) throws(APIError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .configuration(message: "cannot read the token file \(path): it does not exist")
        }
        if isDirectory.boolValue {
            throw .configuration(message: "cannot read the token file \(path): it is a directory")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .configuration(message: "cannot read the token file \(path): permission denied or unreadable")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maxTokenFileBytes + 1) ?? Data()
        } catch {
            throw .configuration(message: "cannot read the token file \(path): read failed")
        }
        guard data.count <= maxTokenFileBytes else {
            throw .configuration(message: "the token file \(path) is larger than 64 KiB; it should hold only the token")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .configuration(message: "the token file \(path) is not UTF-8 text")
        }
        var token = Substring(text)
        // Editors and `echo` add a final newline; anything else around the token is trimmed too.
        while let last = token.last, last.isWhitespace { token.removeLast() }
        while let first = token.first, first.isWhitespace { token.removeFirst() }
        guard !token.isEmpty else {
            throw .configuration(message: "the token file \(path) is empty")
        }
        return try validatedToken(String(token), source: "the token file \(path)")
    }

    /// A token goes into a header: spaces, line breaks or control characters would break it.
    static func validatedToken(_ token: String, source: String) throws(APIError) -> String {
        let ok = token.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F }
        guard ok else {
            throw .configuration(message: "\(source) holds spaces, line breaks or non-ASCII characters; it should hold only the token")
        }
        return token
    }
}
