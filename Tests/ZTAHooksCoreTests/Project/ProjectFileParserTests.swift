import Foundation
import Testing
@testable import ZTAHooksCore

/// `ztahooks.yaml` read into the model, with the site files' way of pointing at mistakes.
struct ProjectFileParserTests {
    private func parse(_ yaml: String, path: String = "ztahooks.yaml") -> ProjectLoadResult {
        ProjectLoader.parse(path: path, contents: Data(yaml.utf8))
    }

    private func messages(_ yaml: String) -> [String] {
        parse(yaml).diagnostics.map(\.description)
    }

    @Test func everyKeyIsReadWithItsLocation() throws {
        let result = parse("""
            paths: [sites, more/sites]
            allowedHosts:
              - hooks.example.com
              - "*.Internal.Example.com."
            maxWebhooksPerSite: 3
            requireDescription: true
            maxDeletes: 0
            concurrency: 16
            secretsFile: .ztahooks/team.json
            """, path: "ops/ztahooks.yaml")
        #expect(result.diagnostics.isEmpty)
        let project = try #require(result.project)
        #expect(project.sitePaths == ["ops/sites", "ops/more/sites"])
        #expect(project.allowedHosts == .init(
            [.exact("hooks.example.com"), .subdomains(of: "internal.example.com")],
            at: SourceLocation(file: "ops/ztahooks.yaml", line: 2, column: 1)
        ))
        #expect(project.maxWebhooksPerSite == .init(3, at: SourceLocation(file: "ops/ztahooks.yaml", line: 5, column: 1)))
        #expect(project.requireDescription?.value == true)
        #expect(project.maxDeletes == 0)
        #expect(project.concurrency == .fixed(16))
        #expect(project.secretsFilePath == "ops/.ztahooks/team.json")
    }

    @Test func relativePathsResolveAgainstTheFilesDirectoryAndAbsoluteOnesStay() throws {
        let project = try #require(parse("paths: [sites, /srv/sites]\nsecretsFile: s.json\n", path: "../../ztahooks.yaml").project)
        #expect(project.sitePaths == ["../../sites", "/srv/sites"])
        #expect(project.secretsFilePath == "../../s.json")
        let here = try #require(parse("paths: [sites]\n").project)
        #expect(here.sitePaths == ["sites"])
    }

    @Test func anUnknownKeyIsAnErrorWithADidYouMean() {
        #expect(messages("allowedHost: [a.example.com]\nmaxDelete: 3\nfoo: 1\n") == [
            "ztahooks.yaml:1:1: error: unknown key 'allowedHost' (did you mean 'allowedHosts'?)",
            "ztahooks.yaml:2:1: error: unknown key 'maxDelete' (did you mean 'maxDeletes'?)",
            "ztahooks.yaml:3:1: error: unknown key 'foo' (allowed keys in a project file: \(ProjectFormat.keys.joined(separator: ", ")))",
        ])
    }

    @Test func aRepeatedKeyIsAnErrorAtTheSecondOne() {
        #expect(messages("maxDeletes: 1\nconcurrency: 2\nmaxDeletes: 3\n") == [
            "ztahooks.yaml:3:1: error: duplicate key 'maxDeletes' (first at line 1) (remove one of them)",
        ])
    }

    @Test func wrongTypesAndRangesAreErrorsAtTheValue() {
        #expect(messages("""
            maxWebhooksPerSite: 11
            requireDescription: yes
            maxDeletes: -1
            concurrency: many
            secretsFile: 42
            paths: sites
            """) == [
            "ztahooks.yaml:1:21: error: 'maxWebhooksPerSite' must be from 1 to 10, found 11",
            "ztahooks.yaml:2:21: error: 'requireDescription' must be true or false, found 'yes' (YAML 1.1 reads 'yes' as a boolean and YAML 1.2 as text; write true or false)",
            "ztahooks.yaml:3:13: error: 'maxDeletes' must be from 0 to 10000, found -1",
            "ztahooks.yaml:4:14: error: 'concurrency' must be auto or a whole number from 1 to 256, found a string",
            "ztahooks.yaml:5:14: error: 'secretsFile' must be a string, found a number (quote it: secretsFile: \"42\")",
            "ztahooks.yaml:6:8: error: 'paths' must be a list of strings, found a string (write a list: paths: [sites])",
        ])
    }

    @Test func concurrencyIsAutoOrANumberInRange() {
        #expect(messages("concurrency: auto\n").isEmpty)
        #expect(messages("concurrency: 0\n") == ["ztahooks.yaml:1:14: error: 'concurrency' must be from 1 to 256, found 0"])
        #expect(messages("concurrency: Auto\n") == [
            "ztahooks.yaml:1:14: error: 'concurrency' must be auto or a whole number from 1 to 256, found a string"
        ])
    }

    @Test func allowedHostsMustBeHostsOrLeadingWildcards() {
        #expect(messages("""
            allowedHosts:
              - https://hooks.example.com
              - hooks.example.com:8443
              - foo.*.example.com
              - "*"
              - bad_host-.example.com
              - hooks.example.com
              - HOOKS.example.com.
            """) == [
            "ztahooks.yaml:2:5: error: 'https://hooks.example.com' is not a host (write the host alone, without scheme or path, such as hooks.example.com)",
            "ztahooks.yaml:3:5: error: 'hooks.example.com:8443' has a port (list hosts without ports; any port of an allowed host is allowed)",
            "ztahooks.yaml:4:5: error: 'foo.*.example.com': '*' may only stand for the leading labels (write *.example.com for every subdomain of example.com)",
            "ztahooks.yaml:5:5: error: '*': '*' may only stand for the leading labels (write *.example.com for every subdomain of example.com)",
            "ztahooks.yaml:6:5: error: 'bad_host-.example.com' is not a valid host name (use letters, digits, '-' and '.', such as hooks.example.com or *.example.com)",
            "ztahooks.yaml:8:5: error: duplicate host 'HOOKS.example.com.' (first at line 7) (remove one of them)",
        ])
        #expect(messages("allowedHosts: []\n") == [
            "ztahooks.yaml:1:15: error: 'allowedHosts' must not be an empty list (list at least one, or remove the key)",
        ])
    }

    @Test func secretSinksAreCommandsSplitWithoutAShellOrListsTakenWordForWord() throws {
        let project = try #require(parse("onSecret: ./store-secret --path 'a b' c\\\"d\nonDelete: [./forget, --site 'x']\n").project)
        #expect(project.onSecret?.argv == ["./store-secret", "--path", "a b", "c\"d"])
        #expect(project.onDelete?.argv == ["./forget", "--site 'x'"])
        #expect(messages("onSecret: [./store, 3]\n") == [
            "ztahooks.yaml:1:21: error: 'onSecret' must be a string, found a number (quote it: onSecret: \"3\")",
        ])
        #expect(messages("onSecret: \"sh -c 'echo\"\n") == [
            "ztahooks.yaml:1:11: error: 'onSecret': the command has an unclosed ' (quote like a shell does, or write a list: onSecret: [./store-secret, --vault])",
        ])
        // The valid keys beside a broken one still count: `paths` says where the sites are.
        #expect(try #require(parse("paths: [sites]\nonSecret: \"'\"\n").project).sitePaths == ["sites"])
    }

    @Test func theFileItselfIsCheckedLikeASiteFile() {
        #expect(messages("# nothing yet\n") == [
            "ztahooks.yaml:1:1: error: file is empty; a project file needs at least one key (add 'paths:' with the site directories, or remove the file)",
        ])
        #expect(messages("- sites\n").first?.hasPrefix("ztahooks.yaml:1:1: error: the top level of a project file must be a mapping, found a list") == true)
        #expect(messages("paths: [sites]\n---\npaths: [other]\n") == [
            "ztahooks.yaml:2:1: error: more than one YAML document in this file; a project file holds exactly one (remove this '---' and what follows)",
        ])
        #expect(messages("paths: [sites\n").first?.contains("error:") == true)
        let bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + (1...5).map { "\(Character(UnicodeScalar(97 + $0)!)): &\(Character(UnicodeScalar(97 + $0)!)) [" + Array(repeating: "*\(Character(UnicodeScalar(96 + $0)!))", count: 10).joined(separator: ", ") + "]" }.joined(separator: "\n") + "\n"
        #expect(messages(bomb).first?.contains("more than \(SiteFormat.maxExpandedNodes) YAML nodes") == true)
        let notUTF8 = ProjectLoader.parse(path: "ztahooks.yaml", contents: Data([0x70, 0x3A, 0x20, 0xFF, 0x0A]))
        #expect(notUTF8.diagnostics.map(\.message) == ["file is not valid UTF-8: byte 0xFF at offset 3"])
        let huge = ProjectLoader.parse(path: "ztahooks.yaml", contents: Data(count: SiteFormat.maxFileBytes + 1))
        #expect(huge.project == nil)
        #expect(huge.diagnostics.map(\.message) == ["file is \(SiteFormat.maxFileBytes + 1) bytes; a project file may be at most 1 MiB (\(SiteFormat.maxFileBytes) bytes)"])
    }
}
