import Foundation

/// The SARIF 2.1.0 log of `validate --format sarif`, for GitHub code scanning and other SARIF
/// readers: one run, one result per diagnostic, each with its file, line and column.
struct DiagnosticSARIFReport: Encodable {
    static let schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    /// The one rule: the site-file format. Diagnostics carry no finer id, and a rule per message
    /// text would change whenever a message is reworded.
    static let ruleId = "ztahooks/site-file"

    struct Message: Encodable { var text: String }
    struct ArtifactLocation: Encodable {
        var uri: String
        /// Relative paths are relative to where validate ran, the repository checkout in CI.
        var uriBaseId: String?
    }
    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
    }
    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }
    struct Location: Encodable { var physicalLocation: PhysicalLocation }
    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
    }
    struct Rule: Encodable {
        var id: String
        var name: String
        var shortDescription: Message
        var helpUri: String
    }
    struct Driver: Encodable {
        var name: String
        var informationUri: String
        var rules: [Rule]
    }
    struct Tool: Encodable { var driver: Driver }
    struct Run: Encodable {
        var tool: Tool
        var results: [Result]
    }

    var schema: String = Self.schema
    var version = "2.1.0"
    var runs: [Run]

    enum CodingKeys: String, CodingKey {
        case schema = "$schema", version, runs
    }

    init(_ diagnostics: [Diagnostic]) {
        let rule = Rule(id: Self.ruleId, name: "SiteFile",
                        shortDescription: Message(text: "A ZTA site file breaks the site-file format or the API's limits."),
                        helpUri: "https://github.com/ztahooks/ztahooks#site-files")
        let driver = Driver(name: "ztahooks", informationUri: "https://github.com/ztahooks/ztahooks", rules: [rule])
        runs = [Run(tool: Tool(driver: driver), results: diagnostics.map(Self.result))]
    }

    static func result(_ diagnostic: Diagnostic) -> Result {
        let location = diagnostic.location
        // SARIF lines and columns start at 1; a diagnostic about a whole file points at its start.
        let region = Region(startLine: max(location.line, 1), startColumn: max(location.column, 1))
        return Result(
            ruleId: ruleId, ruleIndex: 0, level: diagnostic.severity.rawValue, message: Message(text: diagnostic.fullMessage),
            locations: [Location(physicalLocation: PhysicalLocation(artifactLocation: artifact(location.file), region: region))])
    }

    /// A relative path as a URI reference against `%SRCROOT%`; an absolute one as a `file:` URI.
    static func artifact(_ path: String) -> ArtifactLocation {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ";")
        let encoded = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
        if path.hasPrefix("/") { return ArtifactLocation(uri: "file://" + encoded, uriBaseId: nil) }
        return ArtifactLocation(uri: encoded, uriBaseId: "%SRCROOT%")
    }
}
