import Foundation

/// Names for imported webhooks: readable, valid by the site-file name rule, unique in the site,
/// and the same on every run for the same live webhooks.
///
/// The rule: the lowercase ASCII words of the URL's path and query (`/zta/alerts` →
/// `zta-alerts`); the host's words when the path has none (`https://hooks.example.com/` →
/// `hooks-example-com`). Where two URLs of the site give the same name, each gets the words of
/// its host's first label in front (`ingest-eu-zta-events`, `ingest-us-zta-events`); what still
/// collides gets `-2`, `-3`, … in the order of creation (then id), so the oldest keeps the plain
/// name. Names are cut at 63 characters on a word boundary where one is near. A name the
/// secrets file already holds for the webhook is kept when it is valid and unique: re-importing
/// a site does not rename what the team already knows.
public enum WebhookNaming {
    /// Used when a URL has no ASCII letter or digit at all.
    static let fallback = "webhook"

    /// One name per webhook id.
    public static func names(for webhooks: [LiveWebhook], known: [String: String] = [:]) -> [String: String] {
        let ordered = webhooks.sorted(by: creationOrder)
        var result: [String: String] = [:]
        var taken = Set<String>()
        // Names the team already uses come first, oldest webhook first when two claim one.
        for webhook in ordered {
            guard let name = known[webhook.id], isValid(name), !taken.contains(name) else { continue }
            result[webhook.id] = name
            taken.insert(name)
        }
        let rest = ordered.filter { result[$0.id] == nil }
        let bases = Dictionary(rest.map { ($0.id, base(for: $0.url)) }, uniquingKeysWith: { a, _ in a })
        // Hosts tell apart the URLs that share a name only when they differ.
        let hostsPerBase = Dictionary(grouping: rest, by: { bases[$0.id]! }).mapValues { Set($0.map { hostLabelWords($0.url) }) }
        for webhook in rest {
            var name = bases[webhook.id]!
            if hostsPerBase[name]!.count > 1 {
                name = truncated(join(hostLabelWords(webhook.url) + [name]))
            }
            result[webhook.id] = unique(name, taken: &taken)
        }
        return result
    }

    /// The unqualified name of one URL.
    static func base(for url: String) -> String {
        let (host, rest) = split(url)
        let words = words(rest)
        let name = join(words.isEmpty ? self.words(host) : words)
        return truncated(name.isEmpty ? fallback : name)
    }

    /// `name`, or `name-2`, `name-3`, … (cut to fit) when it is taken; marks the result taken.
    private static func unique(_ name: String, taken: inout Set<String>) -> String {
        var candidate = name
        var counter = 2
        while taken.contains(candidate) {
            let suffix = "-\(counter)"
            candidate = truncated(name, limit: SiteFormat.nameMaxLength - suffix.count) + suffix
            counter += 1
        }
        taken.insert(candidate)
        return candidate
    }

    static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= SiteFormat.nameMaxLength && SiteFormat.isValidWebhookName(name)
    }

    /// Oldest first, then by id: the order that decides who keeps the plain name.
    static func creationOrder(_ a: LiveWebhook, _ b: LiveWebhook) -> Bool {
        let (ca, cb) = (a.createdAt ?? .distantFuture, b.createdAt ?? .distantFuture)
        return ca != cb ? ca < cb : a.id < b.id
    }

    /// At most `limit` characters, cut after a whole word when that keeps at least half.
    static func truncated(_ name: String, limit: Int = SiteFormat.nameMaxLength) -> String {
        guard name.utf8.count > limit else { return name }
        var cut = String(name.prefix(limit))
        if let dash = cut.lastIndex(of: "-"), cut.distance(from: cut.startIndex, to: dash) >= limit / 2 {
            cut = String(cut[..<dash])
        }
        while cut.hasSuffix("-") { cut.removeLast() }
        return cut.isEmpty ? fallback : cut
    }

    /// The host (without port or credentials) and everything after it, fragment dropped.
    private static func split(_ url: String) -> (host: Substring, rest: Substring) {
        let afterScheme = url.range(of: "://").map { url[$0.upperBound...] } ?? url[...]
        let authorityEnd = afterScheme.firstIndex { "/?#".contains($0) } ?? afterScheme.endIndex
        var host = afterScheme[..<authorityEnd]
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if !host.hasPrefix("["), let colon = host.lastIndex(of: ":") { host = host[..<colon] }
        var rest = afterScheme[authorityEnd...]
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        return (host, rest)
    }

    /// The words of the host's first label: `ingest-eu` of `ingest-eu.data.example.com`.
    private static func hostLabelWords(_ url: String) -> [String] {
        let host = split(url).host
        return words(host.split(separator: ".").first ?? host)
    }

    /// Runs of lowercase ASCII letters and digits.
    private static func words(_ text: Substring) -> [String] {
        var words: [String] = []
        var current = ""
        for byte in text.utf8 {
            let lower = (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
            if (0x61...0x7A).contains(lower) || (0x30...0x39).contains(lower) {
                current.append(Character(Unicode.Scalar(lower)))
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    private static func join(_ words: [String]) -> String { words.joined(separator: "-") }
}
