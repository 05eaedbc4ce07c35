import Foundation
import Testing
@testable import ZTAHooksCore

private typealias SourceLocation = ZTAHooksCore.SourceLocation

/// What a site costs while a run holds it: the budget behind a plan of 100,000 sites in 128 MiB
/// (`scripts/bench --only plan-memory-100k`). A field added to these types shows here first.
struct SiteMemoryTests {
    @Test func aSiteFileAndItsWebhooksKeepTheFileNameOnce() {
        #expect(MemoryLayout<SourceLocation>.stride == 24)
        #expect(MemoryLayout<SiteFile>.stride <= 64)
        #expect(MemoryLayout<DeclaredWebhook>.stride <= 88)
    }

    @Test func aListingIsAWordAndATagWhateverItsError() {
        #expect(MemoryLayout<Result<[LiveWebhook], APIError>>.size <= 9)
        let error = APIError.server(status: 503, message: "busy", context: "listing webhooks of site site_a")
        #expect(error.message == "listing webhooks of site site_a: server error (503): \"busy\"")
    }

    @Test func locationsKeptWithoutTheirFileComeBackWhole() {
        let webhook = DeclaredWebhook(
            name: "a", url: "https://hooks.example.com/a", events: [.goal],
            location: SourceLocation(file: "sites/a.yaml", line: 4, column: 5),
            urlLocation: SourceLocation(file: "sites/a.yaml", line: 5, column: 10))
        #expect(webhook.location == SourceLocation(file: "sites/a.yaml", line: 4, column: 5))
        #expect(webhook.urlLocation == SourceLocation(file: "sites/a.yaml", line: 5, column: 10))

        let site = SiteFile(path: "sites/a.yaml", site: "site_a", webhooks: [webhook],
                            siteLocation: SourceLocation(file: "sites/a.yaml", line: 2, column: 1))
        #expect(site.siteLocation == SourceLocation(file: "sites/a.yaml", line: 2, column: 1))
        // Unknown, the list's place is the site's.
        #expect(site.webhooksLocation == site.siteLocation)
    }

    @Test func aLineBeyond32BitsIsClampedAndTheJSONKeepsItsKeys() throws {
        var location = SourceLocation(file: "a.yaml", line: Int.max, column: Int.min)
        #expect(location.line == Int(Int32.max))
        #expect(location.column == Int(Int32.min))
        location.line = 7
        location.column = 3
        let json = String(decoding: try JSONEncoder.sorted.encode(location), as: UTF8.self)
        #expect(json == #"{"column":3,"file":"a.yaml","line":7}"#)
        #expect(try JSONDecoder().decode(SourceLocation.self, from: Data(json.utf8)) == location)
    }

    @Test func webhooksDeclaringTheSameEventsShareOneArray() throws {
        func events(_ list: String) throws -> [EventType] {
            let yaml = "site: site_a\nwebhooks:\n  - name: a\n    url: https://hooks.example.com/a\n    events: \(list)\n"
            return try #require(SiteLoader.parse(path: "a.yaml", contents: Data(yaml.utf8)).site).webhooks[0].events
        }
        let first = try events("[pageview, goal]")
        let second = try events("[pageview, goal]")
        let reordered = try events("[goal, pageview]")
        #expect(first == [.pageview, .goal])
        #expect(reordered == [.goal, .pageview])
        func storage(_ events: [EventType]) -> UnsafeRawPointer? { events.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) } }
        #expect(storage(first) == storage(second))
        #expect(storage(first) != storage(reordered))
    }
}

private extension JSONEncoder {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }
}
