import Foundation
import Testing
@testable import ZTAHooksCore

/// The shipped examples stay valid and mean what their comments say.
struct ConfigExamplesTests {
    static let packageRoot = SourceTree.packageRoot

    private func loadExamples() async -> SiteLoadResult {
        await SiteLoader.load(paths: [Self.packageRoot.appendingPathComponent("examples/sites").path], from: LocalFileSource())
    }

    @Test func examplesAreValidWithoutWarnings() async {
        let result = await loadExamples()
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.fileCount == 3)
        #expect(result.sites.map(\.site) == ["site_docs7f3", "site_ops001", "site_shop042"])
    }

    @Test func theWarehouseExampleReusesItsEventListThroughAnAlias() async throws {
        let shop = try #require(await loadExamples().sites.first { $0.site == "site_shop042" })
        #expect(shop.webhooks.map(\.name) == ["warehouse-eu", "warehouse-us", "session-rollup"])
        #expect(shop.webhooks[0].events == [.pageview, .event, .goal])
        #expect(shop.webhooks[1].events == shop.webhooks[0].events)
    }

    @Test func theCRMExampleDoesNotPrune() async throws {
        let docs = try #require(await loadExamples().sites.first { $0.site == "site_docs7f3" })
        #expect(docs.prune == false)
        #expect(docs.webhooks.map(\.events) == [[.goal]])
    }

    @Test func everyExampleStartsWithTheSchemaLine() throws {
        let directory = Self.packageRoot.appendingPathComponent("examples/sites")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }
        #expect(names.count == 3)
        for name in names {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            #expect(text.hasPrefix("# yaml-language-server: $schema=../../schemas/site.schema.json\n"), "\(name)")
        }
    }
}
