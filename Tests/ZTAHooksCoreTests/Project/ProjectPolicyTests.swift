import Foundation
import Testing
@testable import ZTAHooksCore

/// The project's policy against valid sites: each finding at the site file, naming the rule.
struct ProjectPolicyTests {
    private let files = [
        "sites/shop.yaml": """
            site: site_shop
            webhooks:
              - name: ops
                url: https://hooks.example.com/ops
                events: [alert]
                description: Alerts to ops
              - name: leak
                url: https://Collector.Elsewhere.net./x
                events: [pageview]
              - name: warehouse
                url: https://ingest.eu.data.example.com:8443/e
                events: [event]
                description: "  "
            """,
        "sites/blog.yaml": """
            site: site_blog
            webhooks:
              - name: ops
                url: https://hooks.example.com/blog
                events: [alert]
                description: Alerts to ops
            """,
    ]

    private func load(_ policy: String) async -> SiteLoadResult {
        let project = ProjectLoader.parse(path: "ztahooks.yaml", contents: Data(policy.utf8))
        return await SiteLoader.load(paths: ["sites"], from: FakeFileSource(files: files)).applying(project)
    }

    @Test func aHostOutsideAllowedHostsIsAnErrorAtTheURLNamingThePolicyLine() async {
        let result = await load("""
            paths: [sites]
            allowedHosts:
              - hooks.example.com
              - "*.data.example.com"
            """)
        #expect(result.diagnostics.map(\.description) == [
            "sites/shop.yaml:8:10: error: webhook 'leak' sends to host 'Collector.Elsewhere.net.', which ztahooks.yaml does not allow (allowed by ztahooks.yaml:2:1: hooks.example.com, *.data.example.com)",
        ])
        // The site that breaks the policy is left out, as a site with errors is; the other stays.
        #expect(result.sites.map(\.site) == ["site_blog"])
        #expect(!result.isValid)
    }

    @Test func maxWebhooksPerSiteIsAnErrorAtTheList() async {
        let result = await load("maxWebhooksPerSite: 2\n")
        #expect(result.diagnostics.map(\.description) == [
            "sites/shop.yaml:2:1: error: site 'site_shop' declares 3 webhooks; ztahooks.yaml allows at most 2 per site (maxWebhooksPerSite at ztahooks.yaml:1:1)",
        ])
    }

    @Test func requireDescriptionFindsMissingAndBlankOnes() async {
        #expect(await load("requireDescription: true\n").diagnostics.map(\.description) == [
            "sites/shop.yaml:7:5: error: webhook 'leak' has no description; ztahooks.yaml requires one (add 'description:' saying what the receiver does; requireDescription at ztahooks.yaml:1:1)",
            "sites/shop.yaml:10:5: error: webhook 'warehouse' has no description; ztahooks.yaml requires one (add 'description:' saying what the receiver does; requireDescription at ztahooks.yaml:1:1)",
        ])
        #expect(await load("requireDescription: false\n").isValid)
    }

    @Test func withoutAPolicyNothingChanges() async {
        let plain = await SiteLoader.load(paths: ["sites"], from: FakeFileSource(files: files))
        let result = plain.applying(.none)
        #expect(result.diagnostics == plain.diagnostics)
        #expect(result.sites == plain.sites)
        #expect(await load("paths: [sites]\nconcurrency: 2\n").isValid)
    }

    @Test func theProjectFilesOwnErrorsJoinTheResult() async {
        let result = await load("maxWebhooksPerSite: 0\n")
        #expect(result.diagnostics.map(\.description) == [
            "ztahooks.yaml:1:21: error: 'maxWebhooksPerSite' must be from 1 to 10, found 0",
        ])
        #expect(result.sites.count == 2)
    }
}

/// The examples' project file is valid and its sites keep to it.
struct ProjectExampleTests {
    @Test func theExampleProjectFileAllowsTheExampleSites() async throws {
        let path = ConfigExamplesTests.packageRoot.appendingPathComponent("examples/ztahooks.yaml").path
        let project = ProjectLoader.load(path: path, from: LocalFileSource())
        #expect(project.diagnostics.isEmpty)
        let sitePaths = try #require(project.project?.sitePaths)
        let result = await SiteLoader.load(paths: sitePaths, from: LocalFileSource()).applying(project)
        #expect(result.diagnostics.isEmpty)
        #expect(result.sites.count == 3)
    }
}
