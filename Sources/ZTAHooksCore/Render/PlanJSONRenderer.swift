import Foundation

/// The machine format of a plan: stable keys, sorted, pretty-printed. Also the saved-plan format.
public enum PlanJSONRenderer {
    public static func render(_ plan: Plan) -> String {
        StableJSON.render(plan)
    }

    public static func decode(_ data: Data) throws -> Plan {
        try JSONDecoder().decode(Plan.self, from: data)
    }

    /// The same JSON, byte for byte, written a site at a time as a plan streams
    /// (`Planner.plan(sites:live:secrets:each:)`): the plan's sites come before its summary in
    /// the sorted keys, so nothing of a site needs to be kept once it is written. `start()`, then
    /// `site(_:)` for each site in order, then `end(_:)`.
    public struct Stream {
        /// The plan's fields but its sites, as the plan carries them.
        private var frame: Plan
        private var sites = 0
        /// `StableJSON`'s settings, kept for every site.
        private let encoder = StableJSON.encoder()

        /// A plan's fields known before any site is planned: its checksum, and for a saved plan
        /// its source.
        public init(sourceChecksum: String? = nil, source: PlanSource? = nil) {
            frame = Plan(sites: [], sourceChecksum: sourceChecksum)
            frame.source = source
        }

        /// Everything up to the first site: `{`, the format version, the opening of the sites.
        public func start() -> String {
            Self.split(StableJSON.render(frame)).head
        }

        /// One site's object, indented as it is within the whole plan, with the comma before it
        /// when it is not the first.
        public mutating func site(_ site: SitePlan) -> String {
            defer { sites += 1 }
            let object = (try? encoder.encode(site)) ?? Data("{}".utf8)
            var text: [UInt8] = Array(sites == 0 ? "\n    ".utf8 : ",\n    ".utf8)
            text.reserveCapacity(text.count + object.count + object.count / 8)
            // Indented two levels deeper; a line left empty (an empty list's) stays empty, as
            // the encoder writes it at any depth.
            var previous: UInt8 = 0
            for byte in object {
                if previous == UInt8(ascii: "\n") && byte != UInt8(ascii: "\n") { text += Self.indent }
                text.append(byte)
                previous = byte
            }
            return String(decoding: text, as: UTF8.self)
        }

        private static let indent = Array("    ".utf8)

        /// The rest, from the end of the sites: the summary and the fields after it.
        public func end(_ summary: PlanSummary) -> String {
            var whole = frame
            whole.summary = summary
            let tail = Self.split(StableJSON.render(whole)).tail
            // The encoder writes an empty list of sites as `[`, a blank line, `  ]`.
            return sites == 0 ? "\n" + tail : "\n" + tail.drop { $0 == "\n" }
        }

        /// A plan with no site around its empty list of sites: what comes before the list's
        /// blank line, and from that blank line on.
        private static func split(_ text: String) -> (head: String, tail: String) {
            let opening = "\"sites\" : ["
            guard let range = text.range(of: opening) else { return (text, "") }
            return (String(text[..<range.upperBound]), String(text[range.upperBound...].dropFirst()))
        }
    }
}
