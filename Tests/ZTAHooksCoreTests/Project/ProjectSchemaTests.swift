import Foundation
import Testing
@testable import ZTAHooksCore

/// The project file's JSON Schema and its parser describe one format.
struct ProjectSchemaTests {
    @Test func theCommittedSchemaIsTheGeneratedOne() throws {
        let url = ConfigExamplesTests.packageRoot.appendingPathComponent("schemas/project.schema.json")
        let committed = try String(contentsOf: url, encoding: .utf8)
        // On a mismatch: swift run ztahooks schema --project > schemas/project.schema.json
        #expect(committed == ProjectSchema.json)
    }

    @Test func theSchemaOffersTheKeysThisVersionActsOnWithTheParsersLimits() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(ProjectSchema.json.utf8)) as? [String: Any])
        #expect(object["additionalProperties"] as? Bool == false)
        let properties = try #require(object["properties"] as? [String: Any])
        #expect(Set(properties.keys) == Set(ProjectFormat.schemaKeys))
        // The sinks are run now, so an editor offers them.
        #expect(properties["onSecret"] != nil && properties["onDelete"] != nil)
        let perSite = try #require(properties["maxWebhooksPerSite"] as? [String: Any])
        #expect(perSite["minimum"] as? Int == 1)
        #expect(perSite["maximum"] as? Int == APILimits.maxWebhooksPerSite)
        let concurrency = try #require(properties["concurrency"] as? [String: Any])
        let choices = try #require(concurrency["oneOf"] as? [[String: Any]])
        #expect(choices.first?["maximum"] as? Int == ProjectFormat.concurrencyRange.upperBound)
        #expect(choices.last?["const"] as? String == "auto")
    }

    @Test(arguments: ["hooks.example.com", "*.example.com", "Hooks.Example.com.", "[::1]", "*", "a.*.com", "https://x.com",
                      "x.com:8443", "-a.com", "a..com", "a_b.example.com"])
    func theHostPatternAndTheParserAgree(_ text: String) throws {
        let regex = try NSRegularExpression(pattern: ProjectSchema.hostPattern)
        let schemaAccepts = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        let parserAccepts = (try? HostPattern(parsing: text)) != nil
        #expect(schemaAccepts == parserAccepts)
    }
}
