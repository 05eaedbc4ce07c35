import Foundation
import FuzzHarness
@_spi(Testing) import ZTAHooksCore

/// Site files come from pull requests: any bytes must end in diagnostics, never in a crash or a
/// hang, and every diagnostic must point inside the file with something to say.
@main
enum FuzzSiteFile {
    static let path = "fuzz.yaml"

    static func main() {
        FuzzHarness.run(test)
    }

    @Sendable static func test(_ bytes: [UInt8]) {
        // The fast composer must build exactly the tree Yams builds, whenever it builds one.
        if let text = String(validating: bytes, as: UTF8.self), let difference = YAMLFastComposer.differenceFromYams(text) {
            FuzzHarness.require(false, "the fast composer differs from Yams: \(difference)")
        }
        let (site, diagnostics) = SiteLoader.parse(path: path, contents: Data(bytes))
        let lines = lineCount(bytes)
        for diagnostic in diagnostics {
            let location = diagnostic.location
            FuzzHarness.require(location.file == path, "diagnostic names another file")
            FuzzHarness.require(!diagnostic.message.isEmpty, "diagnostic without a message")
            FuzzHarness.require(location.line >= 1 && location.line <= lines,
                                "line \(location.line) outside 1...\(lines): \(diagnostic.message)")
            FuzzHarness.require(location.column >= 1 && location.column <= bytes.count + 1,
                                "column \(location.column) outside the input: \(diagnostic.message)")
        }
        let errors = diagnostics.filter { $0.severity == .error }
        FuzzHarness.require((site == nil) == !errors.isEmpty, "a site was returned with errors, or none without")
        if let site { checkLimits(site) }
    }

    /// What the validator promises of a site it accepts: the API's limits hold.
    static func checkLimits(_ site: SiteFile) {
        FuzzHarness.require(site.webhooks.count <= 10, "more than 10 webhooks accepted")
        FuzzHarness.require(Set(site.webhooks.map(\.name)).count == site.webhooks.count, "duplicate names accepted")
        FuzzHarness.require(Set(site.webhooks.map(\.identity)).count == site.webhooks.count, "duplicate URLs accepted")
        for webhook in site.webhooks {
            FuzzHarness.require((1...5).contains(webhook.events.count), "event count outside 1...5 accepted")
            FuzzHarness.require(Set(webhook.events).count == webhook.events.count, "repeated event accepted")
            FuzzHarness.require(webhook.url.lowercased().hasPrefix("https://"), "non-https URL accepted")
        }
    }

    /// Lines as YAML counts them: LF, CR, CRLF and the Unicode breaks (NEL, LS, PS) each end
    /// one; a last line without a break still counts, and so does the one after the last break.
    static func lineCount(_ bytes: [UInt8]) -> Int {
        var lines = 1
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case 0x0A: lines += 1
            case 0x0D: lines += 1; if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
            case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0x85: lines += 1
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                lines += 1
            default: break
            }
            index += 1
        }
        return lines
    }
}
