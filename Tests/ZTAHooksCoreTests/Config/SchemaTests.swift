import Foundation
import Testing
@testable import ZTAHooksCore

/// The JSON Schema and the validator describe one format.
struct SchemaTests {
    @Test func theCommittedSchemaIsTheGeneratedOne() throws {
        let url = ConfigExamplesTests.packageRoot.appendingPathComponent("schemas/site.schema.json")
        let committed = try String(contentsOf: url, encoding: .utf8)
        // On a mismatch: swift run ztahooks schema > schemas/site.schema.json
        #expect(committed == SiteSchema.json)
    }

    @Test func theSchemaIsJSONWithTheLimitsOfTheValidator() throws {
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(SiteSchema.json.utf8)) as? [String: Any]
        )
        #expect(object["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(object["additionalProperties"] as? Bool == false)
        #expect(object["required"] as? [String] == ["site", "webhooks"])
        let properties = try #require(object["properties"] as? [String: Any])
        #expect(Set(properties.keys) == Set(SiteFormat.siteKeys))
        let webhooks = try #require(properties["webhooks"] as? [String: Any])
        #expect(webhooks["maxItems"] as? Int == APILimits.maxWebhooksPerSite)
        let defs = try #require(object["$defs"] as? [String: Any])
        let webhook = try #require(defs["webhook"] as? [String: Any])
        #expect(webhook["additionalProperties"] as? Bool == false)
        let webhookProperties = try #require(webhook["properties"] as? [String: Any])
        #expect(Set(webhookProperties.keys) == Set(SiteFormat.webhookKeys))
        let events = try #require(webhookProperties["events"] as? [String: Any])
        #expect(events["maxItems"] as? Int == APILimits.maxEventsPerWebhook)
        #expect(events["uniqueItems"] as? Bool == true)
        let eventType = try #require(defs["eventType"] as? [String: Any])
        #expect(eventType["enum"] as? [String] == ["pageview", "event", "goal", "alert", "session_end"])
        #expect(SiteSchema.json.hasSuffix("}\n"))
    }

    private func matches(_ pattern: String, _ value: String) throws -> Bool {
        let regex = try NSRegularExpression(pattern: pattern)
        return regex.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
    }

    @Test(arguments: ["ops", "ops-alerts", "a1-b2-c3", "9", "", "-ops", "ops-", "ops--alerts", "Ops", "ops_alerts", "öps", "ops alerts"])
    func theNamePatternAndTheValidatorAgree(_ name: String) throws {
        #expect(try matches(SiteFormat.namePattern, name) == SiteFormat.isValidWebhookName(name))
    }

    @Test(arguments: ["site_abc123", "A-b_9", "", "site abc", "site.abc", String(repeating: "s", count: 64), String(repeating: "s", count: 65)])
    func theSitePatternAndTheValidatorAgree(_ site: String) throws {
        #expect(try matches(SiteFormat.sitePattern, site) == SiteFormat.isValidSiteID(site))
    }

    @Test(arguments: [
        "https://h.example.com", "https://h.example.com/a?b=c", "https://h.example.com:8443/x", "https://h.example.com?x=1",
        "http://h.example.com/a", "https://u:p@h.example.com/a", "https://h.example.com/a#f", "/relative",
        "https:///a", "HTTPS://h.example.com/a", "https://h.example.com/a b", "ftp://h.example.com",
    ])
    func theURLPatternAndTheValidatorAgree(_ url: String) throws {
        #expect(try matches(SiteFormat.urlPattern, url) == (WebhookURLRule.check(url) == nil))
    }
}
